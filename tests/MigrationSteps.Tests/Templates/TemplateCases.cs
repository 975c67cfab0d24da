using System.Text;
using Ferry.MigrationSteps.Apps;
using Ferry.MigrationSteps.Baseline;
using Ferry.MigrationSteps.Hosts;
using Ferry.MigrationSteps.Planning;
using Ferry.MigrationSteps.Probe;
using Ferry.MigrationSteps.Sampling;
using Ferry.MigrationSteps.Steps;
using Ferry.MigrationSteps.Strategies;
using Ferry.MigrationSteps.Tests.Support;
using Ferry.Provisioning.Playbooks;
using Ferry.Provisioning.Templates;
using Ferry.Provisioning.Vpn;
using Ferry.TestSupport;

namespace Ferry.MigrationSteps.Tests.Templates;

/// <summary>Every shell template with a fixed, realistic model: the counter app moving from aws-w1 to gcp-w1.</summary>
public static class TemplateCases
{
    /// <summary>Migration steps whose script depends on the strategy; each gets a snapshot per variant.</summary>
    public static readonly StepKind[] StrategySteps =
    [
        StepKind.PrepareTarget, StepKind.PreDump, StepKind.Checkpoint, StepKind.Transfer,
        StepKind.Restore, StepKind.PostCopy, StepKind.RollbackSource, StepKind.CleanupSource, StepKind.CleanupTarget,
    ];

    public static readonly (string Name, MigrationPlan Plan)[] Variants =
    [
        ("cold", TestModel.Plan(StrategyKind.Cold)),
        ("precopy", TestModel.Plan(StrategyKind.Precopy, compress: true)),
        ("precopy-dirty", TestModel.Plan(StrategyKind.Precopy, dirtyTracking: true)),
        ("pageserver", TestModel.Plan(StrategyKind.PageServer)),
        ("lazy", TestModel.Plan(StrategyKind.Lazy, compress: true)),
        ("hybrid", TestModel.Plan(StrategyKind.Hybrid, compress: true, targetLazy: true)),
        ("hybrid-dirty", TestModel.Plan(StrategyKind.Hybrid, dirtyTracking: true)),
    ];

    /// <summary>Snapshot name (file under Snapshots/ without .sh) to the template and how to render it with its production inputs.</summary>
    public static IReadOnlyDictionary<string, (string Template, Func<TemplateRenderer, string> Render)> All { get; } = Build();

    private static (string, Func<TemplateRenderer, string>) Case<T>(T inputs) where T : ITemplateInputs => (T.Template, t => t.Render(inputs));

    private static Dictionary<string, (string, Func<TemplateRenderer, string>)> Build()
    {
        var cases = new Dictionary<string, (string, Func<TemplateRenderer, string>)>();
        foreach (var (variant, plan) in Variants)
        {
            foreach (var step in plan.Steps.Where(s => StrategySteps.Contains(s.Kind)))
            {
                cases[$"migrate-{variant}-{step.Kind.Name()}"] = (step.Template, step.Render);
            }
        }

        // Hybrid without userfaultfd on the target differs from hybrid only where it restores.
        foreach (var step in TestModel.Plan(StrategyKind.Hybrid).Steps.Where(s => s.Kind is StepKind.Restore or StepKind.RollbackSource))
        {
            cases[$"migrate-hybrid-eager-{step.Kind.Name()}"] = (step.Template, step.Render);
        }

        // Two containers (wordpress: the database and the web server, its front maxconn 3) move side by side
        // in the freeze, restored behind one lock. Cold, so that each container's part is the shared steps' own
        // (hybrid's page tooling per container is in the hybrid cases already).
        var wordpress = AppFile.Load(Path.Combine(RepoPaths.Stacks, "apps"), "wordpress");
        foreach (var step in TestModel.Plan(StrategyKind.Cold, compress: true, app: wordpress).Steps.Where(s =>
            s.Kind is StepKind.Checkpoint or StepKind.Transfer or StepKind.Restore or StepKind.RollbackTarget or StepKind.Release || s.Id == "cut-over@front"))
        {
            cases[$"migrate-two-containers-{step.Kind.Name()}"] = (step.Template, step.Render);
        }

        var cold = Variants[0].Plan;
        foreach (var step in cold.Steps.Where(s => !StrategySteps.Contains(s.Kind) && s.Kind is not (StepKind.CutOver or StepKind.RouteBack)))
        {
            cases[$"migrate-{step.Kind.Name()}"] = (step.Template, step.Render);
        }

        var front = cold.Steps.Single(s => s.Id == "cut-over@front");
        var gateway = cold.Steps.Single(s => s.Id == "cut-over@gcp-gw");
        cases["migrate-cut-over-front"] = (front.Template, front.Render);
        cases["migrate-cut-over-gateway"] = (gateway.Template, gateway.Render);
        var back = cold.Steps.Single(s => s.Id == "route-back@front");
        cases["migrate-route-back-front"] = (back.Template, back.Render);
        cases["migrate-preflight"] = Case(new PreflightInputs(["counter-counter"]));
        cases["migrate-sample"] = Case(new SampleInputs(["counter-counter"], 1.0, "10.20.0.11", 8 << 20));

        var inventory = FakeInventory.Create();
        var containers = new ContainerInputsFactory(TestModel.Templates, inventory).For(TestModel.Counter, FakeInventory.Source);
        cases["apps-deploy"] = Case(new DeployInputs(containers));
        cases["apps-remove"] = Case(new RemoveInputs(containers));
        cases["apps-route"] = Case(new RouteInputs(RoutePlan.For(inventory, FakeInventory.Source, ["10.252.0.10"])["front"]));
        cases["apps-unroute"] = Case(new UnrouteInputs(["10.252.0.10", "10.252.0.11"]));
        cases["apps-status"] = Case(new StatusInputs(containers.Select(c => c.Id).ToList()));
        var redis = AppFile.Load(Path.Combine(RepoPaths.Stacks, "apps"), "redis");
        cases["apps-load"] = Case(new LoadInputs(redis.Containers[0].Address, 16, redis.Load!));
        var podman = PodmanMigration.Containers(new ContainerInputsFactory(TestModel.Templates, inventory), inventory.Stack, TestModel.Counter, FakeInventory.Source);
        cases["baseline-podman-prepare"] = Case(new PodmanPrepareInputs(podman, "/var/lib/ferry/podman/archives", ["10.10.2.10"], Load: false));
        cases["baseline-podman-prepare-load"] = Case(new PodmanPrepareInputs(podman, "/var/lib/ferry/podman/archives", [], Load: true));
        cases["baseline-podman-run"] = Case(new PodmanRunInputs(podman));
        cases["baseline-podman-checkpoint"] = Case(new PodmanCheckpointInputs(podman, "10.10.2.10", "/var/lib/ferry/podman/archives"));
        cases["baseline-podman-restore"] = Case(new PodmanRestoreInputs(podman, "/var/lib/ferry/podman/archives"));
        cases["baseline-podman-remove"] = Case(new PodmanRemoveInputs(podman, "/var/lib/ferry/podman/archives", Everything: true));
        cases["provision-peers"] = Case(new PeerTrustInputs(
            true,
            "ferry",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n")),
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPeerKeyForUnitTests ferry-peer@unit",
            "10.10.1.10,10.10.2.10",
            PeerTrust.KnownHosts(inventory)));
        cases["provision-first-boot"] = Case(new FirstBootInputs(600));
        cases["provision-host-facts"] = Case(new HostFactsInputs());
        cases["vpn-status"] = Case(new VpnStatusInputs());
        cases["probe-start"] = Case(new ProbeStartInputs("/tmp/ferry-probe-unit", "print('probe')\n"));
        cases["probe-stop"] = Case(new ProbeStopInputs("/tmp/ferry-probe-unit"));
        cases["probe-live"] = Case(new ProbeLiveInputs("/tmp/ferry-probe-unit"));
        var services = FrontServices.For(TestModel.Counter, inventory);
        cases["haproxy-apply"] = Case(new FrontApplyInputs(TestModel.Templates.Render(new HaproxyConfigInputs(services))));
        return cases;
    }
}
