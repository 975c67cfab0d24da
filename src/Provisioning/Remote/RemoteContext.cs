using Ferry.Provisioning.Ssh;
using Ferry.Provisioning.Templates;

namespace Ferry.Provisioning.Remote;

/// <summary>What remote work needs: the controller's connections and the templates.</summary>
public sealed record RemoteContext(IRemoteShell Shell, TemplateRenderer Templates);
