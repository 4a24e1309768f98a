using CriterionCheck.EntropySum;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// The entropy sum's value, term by term as the formula lists them (their kinds, signs and averages),
/// with each factor's (pseudo-)entropy computed numerically by its family kernel — derived from A as
/// H̃ = A − ηᵀ∇A, or ½ log det(2πeΣ) by Cholesky for a multivariate normal — and averaged over q̄ by the
/// weighted configurations. It agrees with <see cref="EntropySumFormula.Evaluate"/> (tested) and scales to
/// sizes where the symbolic terms would not be evaluated.
/// </summary>
public static class NumericEntropySum
{
    /// <summary>The entropy sum of <paramref name="formula"/> from an objective evaluation <paramref name="result"/> for <paramref name="q"/>.</summary>
    public static double Evaluate(EntropySumFormula formula, CompleteDataObjective.Result result, ExpectedStatistics q)
    {
        var values = Terms(formula, result, q);
        var total = 0.0;
        for (var i = 0; i < values.Length; i++) total += formula.Terms[i].Sign * values[i];
        return total;
    }

    /// <summary>Each term's value (signs not applied), in the formula's order.</summary>
    public static double[] Terms(EntropySumFormula formula, CompleteDataObjective.Result result, ExpectedStatistics q)
    {
        var factors = formula.Model.Factors;
        var n = (double)q.Points;
        var values = new List<double>();
        foreach (var term in formula.Terms)
        {
            var f = term.Factor is null ? -1 : factors.IndexOf(factors.Single(x => x.Variable == term.Factor));
            var value = term.Kind switch
            {
                TermKind.VariationalEntropy => q.MeanEntropy,
                TermKind.Entropy or TermKind.PseudoEntropy => result.ExpectedEntropy[f] / n,
                TermKind.BaseMeasure => term.Averaging == Averaging.Data ? q.DataLogBase / n : result.ExpectedLogBase[f] / n,
                _ => throw new InvalidOperationException(),
            };
            values.Add(value);
        }
        return [.. values];
    }
}
