using System.Text;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Tests.Support;
using Ferry.Provisioning.Playbooks;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Templates;

/// <summary>Every shell template with a fixed, realistic model: the counter app moving from aws-w1 to gcp-w1.</summary>
public static class TemplateCases
{
    /// <summary>Migration steps whose script depends on the strategy; each gets a snapshot per variant.</summary>
    public static readonly string[] StrategySteps =
    [
        WellKnownSteps.PrepareTarget, WellKnownSteps.PreDump, WellKnownSteps.Checkpoint, WellKnownSteps.Transfer,
        WellKnownSteps.Restore, WellKnownSteps.RollbackSource, WellKnownSteps.CleanupSource,
    ];

    public static readonly (string Name, MigrationPlan Plan)[] Variants =
    [
        ("cold", TestModel.Plan(MigrationStrategy.Cold)),
        ("precopy", TestModel.Plan(MigrationStrategy.Precopy, compress: true)),
        ("precopy-dirty", TestModel.Plan(MigrationStrategy.Precopy, dirtyTracking: true)),
        ("pageserver", TestModel.Plan(MigrationStrategy.PageServer)),
        ("lazy", TestModel.Plan(MigrationStrategy.Lazy, compress: true)),
    ];

    /// <summary>Snapshot name (file under Snapshots/ without .sh) to template and model.</summary>
    public static IReadOnlyDictionary<string, (string Template, object Model)> All { get; } = Build();

    private static Dictionary<string, (string, object)> Build()
    {
        var cases = new Dictionary<string, (string, object)>();
        foreach (var (variant, plan) in Variants)
        {
            foreach (var step in plan.Steps.Where(s => StrategySteps.Contains(s.Name)))
            {
                cases[$"migrate-{variant}-{step.Name}"] = (step.Template, step.Inputs);
            }
        }

        var cold = Variants[0].Plan;
        foreach (var step in cold.Steps.Where(s => !StrategySteps.Contains(s.Name) && s.Name != WellKnownSteps.CutOver))
        {
            cases[$"migrate-{step.Name}"] = (step.Template, step.Inputs);
        }

        cases["migrate-cut-over-front"] = (WellKnownSteps.Template(WellKnownSteps.CutOver), cold.Steps.Single(s => s.Id == "cut-over@front").Inputs);
        cases["migrate-cut-over-gateway"] = (WellKnownSteps.Template(WellKnownSteps.CutOver), cold.Steps.Single(s => s.Id == "cut-over@gcp-gw").Inputs);
        var preflight = PlanBuilder.Preflight(FakeInventory.Source, FakeInventory.Target, ["counter-counter"]).Steps[0];
        cases["migrate-preflight"] = (preflight.Template, preflight.Inputs);

        var inventory = FakeInventory.Create();
        var containers = new ContainerInputsFactory(TestModel.Templates, inventory).For(TestModel.Counter, FakeInventory.Source);
        cases["apps-deploy"] = ("apps/deploy.sh", new { Containers = containers });
        cases["apps-remove"] = ("apps/remove.sh", new { Containers = containers });
        cases["apps-route"] = ("apps/route.sh", new { Routes = RoutePlan.For(inventory, FakeInventory.Source, ["10.252.0.10"])["front"] });
        cases["apps-status"] = ("apps/status.sh", new { Ids = containers.Select(c => c.Id).ToList() });
        var redis = AppFile.Load(Path.Combine(RepoPaths.Stacks, "apps"), "redis");
        cases["apps-load"] = ("apps/load.sh", new { Address = redis.Containers[0].Address, DataMb = 16, Command = redis.Load });
        cases["provision-peers"] = ("provision/peers.sh", new
        {
            PeerKeyBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n")),
            PeerPublicKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPeerKeyForUnitTests ferry-peer@unit",
            KnownHosts = PeerTrust.KnownHosts(inventory),
        });
        return cases;
    }
}
