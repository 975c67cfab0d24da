using System.Text;
using Ferry.MigrationSteps.Steps;

namespace Ferry.MigrationSteps.Planning;

/// <summary>The steps of one migration in the order they were planned, validated before the first remote call.</summary>
public sealed record MigrationPlan(string Strategy, IReadOnlyList<MigrationStep> Steps)
{
    public IEnumerable<MigrationStep> OfKind(StepKind kind) => Steps.Where(s => s.Kind == kind);

    /// <summary>The steps <paramref name="first"/> picks, and the rest (which may depend on them: run it with the first run as prior).</summary>
    public (MigrationPlan Picked, MigrationPlan Others) Split(Func<MigrationStep, bool> first) =>
        (this with { Steps = Steps.Where(first).ToList() }, this with { Steps = Steps.Where(s => !first(s)).ToList() });

    /// <summary>The plan as text: every step with its host, role, template, dependencies and condition.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var step in Steps)
        {
            var when = step.When switch
            {
                StepWhen.OnSuccess => "forward",
                StepWhen.OnFailure => "on failure",
                StepWhen.AfterSuccess => "on success",
                _ => "always",
            };
            text.Append($"{step.Id,-28} {step.Role.ToString().ToLowerInvariant(),-7} {when,-10} {step.Template}");
            if (step.DependsOn.Count > 0)
            {
                text.Append($"  after {string.Join(", ", step.DependsOn.Select(d => d.Id))}");
            }

            if (step.Condition is { } condition)
            {
                text.Append($"  if {condition}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
