using Ferry.TestSupport;

namespace Ferry.Provisioning.Tests.Ssh;

/// <summary>The default stack booted once for the SSH tests, under its own name and management range.</summary>
public sealed class SshFixture() : LocalStack("fssh", "10.244.0.0/24");
