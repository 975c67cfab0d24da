// Migrations run on one real local cloud and share the machine's 2 cores: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
