using System.Collections.Immutable;

namespace CriterionCheck.Families;

/// <summary>The built-in families, by the names specs use.</summary>
public static class FamilyLibrary
{
    /// <summary>Every built-in definition, in documentation order.</summary>
    public static ImmutableArray<FamilyDefinition> All { get; } =
    [
        BernoulliFamily.Definition, CategoricalFamily.Definition, NormalFamily.Definition, MultivariateNormalFamily.Definition,
        GammaFamily.Definition, PoissonFamily.Definition, ExponentialDistributionFamily.Definition, BetaFamily.Definition,
        LaplaceFamily.Definition, BinomialFamily.Definition,
    ];

    private static readonly ImmutableDictionary<string, FamilyDefinition> ByName =
        All.ToImmutableDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The built-in family called <paramref name="name"/>, or null.</summary>
    public static FamilyDefinition? Find(string name) => ByName.GetValueOrDefault(name);
}
