using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Remote;

/// <summary>Remote work whose result is simply what the script reported.</summary>
public sealed class ScriptTask<TIn>(TimeSpan timeout) : RemoteTask<TIn, ScriptOutput> where TIn : ITemplateInputs
{
    public override TimeSpan Timeout => timeout;

    protected override ScriptOutput Parse(ScriptOutput output) => output;
}
