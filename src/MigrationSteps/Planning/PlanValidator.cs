using Ferry.MigrationSteps.Steps;
using Ferry.Provisioning.Inventory;
using Ferry.Provisioning.Templates;

namespace Ferry.MigrationSteps.Planning;

/// <summary>Rejects a plan with unknown names, unknown hosts, duplicates, cycles or missing inputs, before anything runs.</summary>
public static class PlanValidator
{
    /// <returns>Every step's rendered script, by step id.</returns>
    public static IReadOnlyDictionary<string, string> Validate(MigrationPlan plan, HostInventory inventory, TemplateRenderer templates)
    {
        var names = plan.Steps.Select(s => s.Name).ToHashSet();
        var ids = new HashSet<string>();
        foreach (var step in plan.Steps)
        {
            if (!WellKnownSteps.All.Contains(step.Name))
            {
                throw new PlanValidationException($"step '{step.Id}': '{step.Name}' is not a known step ({string.Join(", ", WellKnownSteps.All)})");
            }

            if (!ids.Add(step.Id))
            {
                throw new PlanValidationException($"step '{step.Id}' appears twice");
            }

            if (inventory.Hosts.All(h => h.Name != step.Host))
            {
                throw new PlanValidationException($"step '{step.Id}': host '{step.Host}' is not in the inventory");
            }

            foreach (var reference in step.DependsOn.Concat(step.IfCompleted ?? []).Concat(step.IfNotCompleted ?? []))
            {
                if (!names.Contains(reference))
                {
                    throw new PlanValidationException($"step '{step.Id}' refers to '{reference}', which is not in the plan");
                }
            }
        }

        RejectCycles(plan);
        var scripts = new Dictionary<string, string>();
        foreach (var step in plan.Steps)
        {
            try
            {
                scripts[step.Id] = templates.Render(step.Template, step.Inputs);
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
        var edges = plan.Steps.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.SelectMany(s => s.DependsOn).Distinct().ToList());
        var state = new Dictionary<string, int>();
        var path = new Stack<string>();

        void Visit(string name)
        {
            state[name] = 1;
            path.Push(name);
            foreach (var next in edges[name])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = path.Reverse().SkipWhile(n => n != next).Append(next);
                    throw new PlanValidationException($"steps depend on each other in a cycle: {string.Join(" -> ", cycle)}");
                }

                if (state.GetValueOrDefault(next) == 0)
                {
                    Visit(next);
                }
            }

            path.Pop();
            state[name] = 2;
        }

        foreach (var name in edges.Keys.Order())
        {
            if (state.GetValueOrDefault(name) == 0)
            {
                Visit(name);
            }
        }
    }
}
