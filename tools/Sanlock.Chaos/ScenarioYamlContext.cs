using YamlDotNet.Serialization;

namespace Sanlock.Chaos;

[YamlStaticContext]
[YamlSerializable(typeof(Scenario))]
[YamlSerializable(typeof(FaultRate))]
public partial class ScenarioYamlContext : YamlDotNet.Serialization.StaticContext;
