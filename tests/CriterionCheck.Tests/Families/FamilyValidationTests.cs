using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Tests.Families;

/// <summary>Sizes a family cannot take, and families whose parts do not fit together, are FamilyExceptions.</summary>
public class FamilyValidationTests
{
    // family, sizes, the argument the exception blames (null: the call as a whole)
    public static TheoryData<string, int[], int?> InvalidSizes => new()
    {
        { "MvNormal", [2, 3], 1 },
        { "MvNormal", [3, 2], 1 },
        { "Categorical", [1], 0 },
        { "Binomial", [0, 1], 0 },
        { "Normal", [1], null },
    };

    [Theory]
    [MemberData(nameof(InvalidSizes))]
    public void Instantiating_with_sizes_the_family_cannot_take_throws(string name, int[] sizes, int? argumentIndex)
    {
        var definition = FamilyLibrary.Find(name)!;
        var exception = Assert.Throws<FamilyException>(() => definition.Instantiate(sizes));
        Assert.Equal(argumentIndex, exception.ArgumentIndex);
    }

    // An Exponential(rate) family with one part replaced.
    private static readonly FamilyParameter Rate = FamilyParameter.Scalar("rate", ParameterDomain.Positive);
    private static readonly Symbol X = Symbol.Of("x");
    private static readonly Symbol Eta1 = Symbol.Of(ExponentialFamily.NaturalSymbolName, 1);
    private static readonly Symbol Stray = Symbol.Of("stray");

    private static ExponentialFamily Build(ImmutableArray<Expr>? statistics = null, ImmutableArray<Expr>? naturalMap = null,
        Expr? logPartition = null, Expr? logBaseMeasure = null) =>
        new("Test", [Rate], [X], new Support(SupportKind.Positive), statistics ?? [X], naturalMap ?? [-Rate.Entries[0]],
            logPartition ?? -FunctionCall.Log(-Eta1), logBaseMeasure ?? Number.Zero);

    [Fact]
    public void The_well_formed_family_builds()
    {
        Assert.Equal("Test", Build().Name);
    }

    [Fact]
    public void A_stray_symbol_in_the_natural_map_throws()
    {
        var exception = Assert.Throws<FamilyException>(() => Build(naturalMap: [-Rate.Entries[0] * Stray]));
        Assert.Contains("stray", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stray_symbol_in_the_statistics_log_partition_or_base_measure_throws()
    {
        Assert.Throws<FamilyException>(() => Build(statistics: [X + Stray]));
        Assert.Throws<FamilyException>(() => Build(logPartition: -FunctionCall.Log(-Eta1) + Stray));
        Assert.Throws<FamilyException>(() => Build(logBaseMeasure: FunctionCall.Log(Stray)));
        // The parameters belong in the natural map only, not in A.
        Assert.Throws<FamilyException>(() => Build(logPartition: -FunctionCall.Log(-Eta1) + Rate.Entries[0]));
    }

    [Fact]
    public void Statistics_and_natural_map_of_different_lengths_throw()
    {
        Assert.Throws<FamilyException>(() => Build(statistics: [X, FunctionCall.Log(X)]));
        Assert.Throws<FamilyException>(() => Build(naturalMap: [-Rate.Entries[0], Rate.Entries[0]]));
    }
}
