using System.Globalization;
using CriterionCheck.EntropySum;
using CriterionCheck.Families;

namespace CriterionCheck.Numerics;

/// <summary>
/// When the ELBO or the entropy sum at a point is not a finite number, says why instead of printing the
/// number: which terms of the entropy sum are not finite, and which parameters sit on the boundary of
/// their domain (a probability of exactly 0 or 1, a variance or rate of 0) or are not finite — the usual
/// cause, since the families' natural parameters and entropies are infinite there.
/// </summary>
public static class NonFiniteDiagnosis
{
    /// <summary>The diagnosis for the figures <paramref name="report"/> at <paramref name="theta"/>, or null when they are finite.</summary>
    public static string? Describe(NumericModel model, double[] theta, PointReport report)
    {
        var elbo = double.IsFinite(report.Elbo);
        var sum = double.IsFinite(report.EntropySum);
        if (elbo && sum) return null;
        var what = (elbo, sum) switch
        {
            (false, false) => $"the ELBO ({Show(report.Elbo)}) and the entropy sum ({Show(report.EntropySum)}) are not finite",
            (false, _) => $"the ELBO is not finite ({Show(report.Elbo)})",
            _ => $"the entropy sum is not finite ({Show(report.EntropySum)})",
        };
        var parts = new List<string> { what };
        if (!sum && report.Terms is { } terms)
        {
            var bad = model.Formula.Terms.Select((t, i) => (t, v: terms[i])).Where(p => !double.IsFinite(p.v)).Select(p => $"{Name(p.t)} is {Show(p.v)}").ToList();
            if (bad.Count > 0) parts.Add("in the entropy sum " + string.Join(", ", bad));
        }
        var boundary = Boundary(model.Space, theta);
        parts.Add(boundary.Count > 0
            ? $"at {string.Join(", ", boundary.Take(8))}{(boundary.Count > 8 ? $" and {boundary.Count - 8} more" : "")}, on the boundary of the parameter domain, where the likelihood's supremum lies and no stationary point exists"
            : "with every parameter inside its domain; the data may lie outside the support the parameters give (a probability of 0 for an observed value)");
        return string.Join("; ", parts);
    }

    private static string Name(EntropyTerm t) => t.Kind switch
    {
        TermKind.VariationalEntropy => "the variational entropy",
        TermKind.Entropy => $"the entropy of {t.Factor}",
        TermKind.PseudoEntropy => $"the pseudo-entropy of {t.Factor}",
        _ => $"the base-measure term of {t.Factor}",
    };

    // Entries that are not finite or on the boundary of their domain, e.g. "p[2,1] = 0".
    private static List<string> Boundary(ParameterSpace space, double[] theta)
    {
        var result = new List<string>();
        foreach (var range in space.Blocks)
            foreach (var group in space.Groups(range))
            {
                var domain = range.Block.Domain;
                foreach (var i in group)
                {
                    var v = theta[i];
                    var edge = !double.IsFinite(v) || domain switch
                    {
                        ParameterDomain.Positive => !(v > 0) || v < 1e-300,
                        ParameterDomain.UnitInterval or ParameterDomain.Simplex => !(v > 0 && v < 1),
                        _ => false,
                    };
                    if (edge) result.Add($"{space.Elements[i]} = {Show(v)}");
                }
                if (domain == ParameterDomain.Simplex && !(1 - group.Sum(i => theta[i]) > 0))
                    result.Add($"the last weight of {range.Block.Name} = {Show(1 - group.Sum(i => theta[i]))}");
            }
        if (result.Count == 0 && space.DomainProblem(theta) is { } problem) result.Add(problem);
        return result;
    }

    private static string Show(double v) => double.IsPositiveInfinity(v) ? "+∞" : double.IsNegativeInfinity(v) ? "−∞" : double.IsNaN(v) ? "not a number" : v.ToString("G6", CultureInfo.InvariantCulture);
}
