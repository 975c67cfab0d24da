// Commands read FERRY_STATE, PATH and HOME and write to the process console: run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
