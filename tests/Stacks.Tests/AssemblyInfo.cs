// Integration tests boot real namespaces and share the machine's 2 cores: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
