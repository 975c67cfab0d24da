using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Planning;

/// <summary>Rejects a plan with unknown hosts, duplicate steps, references outside the plan, cycles or missing inputs, before anything runs.</summary>
public static class PlanValidator
{
    /// <param name="earlier">Steps of an earlier run that this plan's steps may refer to.</param>
    /// <returns>Every step's rendered script.</returns>
    public static IReadOnlyDictionary<MigrationStep, string> Validate(MigrationPlan plan, HostInventory inventory, TemplateRenderer templates, IEnumerable<MigrationStep>? earlier = null)
    {
        var inPlan = plan.Steps.Concat(earlier ?? []).ToHashSet(ReferenceEqualityComparer.Instance);
        var ids = new HashSet<string>();
        foreach (var step in plan.Steps)
        {
            if (!ids.Add(step.Id))
            {
                throw new PlanValidationException($"step '{step.Id}' appears twice");
            }

            if (inventory.Hosts.All(h => h.Name != step.Host))
            {
                throw new PlanValidationException($"step '{step.Id}': host '{step.Host}' is not in the inventory");
            }

            var references = step.DependsOn.Concat(step.Condition?.Steps ?? []);
            foreach (var reference in references.Where(r => !inPlan.Contains(r)))
            {
                throw new PlanValidationException($"step '{step.Id}' refers to '{reference.Id}', which is not in the plan");
            }
        }

        RejectCycles(plan);
        var scripts = new Dictionary<MigrationStep, string>(ReferenceEqualityComparer.Instance);
        foreach (var step in plan.Steps)
        {
            try
            {
                scripts[step] = step.Render(templates);
            }
            catch (TemplateException e)
            {
                throw new PlanValidationException($"step '{step.Id}': {e.Message}");
            }
        }

        return scripts;
    }

    private static void RejectCycles(MigrationPlan plan)
    {
        var state = new Dictionary<MigrationStep, int>(ReferenceEqualityComparer.Instance);
        var path = new Stack<MigrationStep>();

        void Visit(MigrationStep step)
        {
            state[step] = 1;
            path.Push(step);
            foreach (var next in step.DependsOn)
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = path.Reverse().SkipWhile(n => n != next).Append(next).Select(s => s.Id);
                    throw new PlanValidationException($"steps depend on each other in a cycle: {string.Join(" -> ", cycle)}");
                }

                if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            path.Pop();
            state[step] = 2;
        }

        foreach (var step in plan.Steps.Where(s => state.GetValueOrDefault(s) == 0))
        {
            Visit(step);
        }
    }
}
