using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Families;

/// <summary>Exponential(rate) on (0, ∞): T = x, η = −rate, A = −log(−η), h = 1.</summary>
public static class ExponentialDistributionFamily
{
    /// <summary>The spec-language definition.</summary>
    public static FamilyDefinition Definition { get; } = new("Exponential", "Exponential(rate) on (0, inf)",
        [new("rate", ArgumentKind.Scalar, ParameterDomain.Positive)], _ => Build());

    private static ExponentialFamily Build()
    {
        var rate = FamilyParameter.Scalar("rate", ParameterDomain.Positive);
        var x = Symbol.Of("x");
        var eta = Symbol.Of(ExponentialFamily.NaturalSymbolName, 1);
        return new ExponentialFamily("Exponential", [rate], [x], new Support(SupportKind.Positive), [x],
            [-rate.Entries[0]], -FunctionCall.Log(-eta), Number.Zero);
    }
}
