using Ferry.TestSupport;

namespace Ferry.Stacks.Tests.Local;

/// <summary>The default stack booted once for the local-cloud tests.</summary>
public sealed class LocalCloudFixture() : LocalStack("fstacks", "10.249.0.0/24");
