namespace Ferry.Provisioning.Templates;

/// <summary>The typed inputs of one template: the record names the template it renders.</summary>
public interface ITemplateInputs
{
    /// <summary>The template's path under templates/, e.g. "migrate/checkpoint.sh".</summary>
    static abstract string Template { get; }
}
