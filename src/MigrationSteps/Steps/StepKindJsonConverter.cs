using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ferry.MigrationSteps.Steps;

/// <summary>Step kinds in results and logs as their template names: prepare-target, cut-over, …</summary>
public sealed class StepKindJsonConverter() : JsonStringEnumConverter<StepKind>(JsonNamingPolicy.KebabCaseLower);
