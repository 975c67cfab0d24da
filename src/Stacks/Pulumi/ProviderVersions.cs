namespace Ferry.Stacks.Pulumi;

/// <summary>
/// Provider plugin versions the programs pin. They match the versions the vendored provider schema data
/// (stacks/pulumi/schema/provider-inputs.json) was read from, so the schema tests check what `pulumi up` will run.
/// </summary>
public static class ProviderVersions
{
    public const string Aws = "7.48.0";
    public const string Gcp = "9.37.0";
    public const string AzureNative = "3.28.0";
}
