using CriterionCheck.Spec;

namespace CriterionCheck.Models;

/// <summary>
/// How large a spec's model is at given sizes, read off the syntax before anything is built: parameter
/// elements plus factor elements. Decides whether a concrete check at those sizes is cheap, or whether
/// a smaller size and the model's template serve instead.
/// </summary>
public static class SizeEstimate
{
    /// <summary>Parameter and factor elements of <paramref name="document"/> with sizes overridden by <paramref name="dims"/> (saturating).</summary>
    public static long Elements(SpecDocument document, IReadOnlyDictionary<string, int> dims)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var d in document.Statements.OfType<DimsStatement>().SelectMany(s => s.Dims))
            sizes[d.Name.Text] = dims.TryGetValue(d.Name.Text, out var given) ? given : d.Value;
        long Product(IEnumerable<string> axes) => axes.Aggregate(1L, (n, a) => Math.Min(long.MaxValue / 4, n * Math.Max(1, sizes.GetValueOrDefault(a, 1))));
        var total = 0L;
        foreach (var p in document.Statements.OfType<ParamStatement>()) total += Product(p.Shape.Select(s => s.Text));
        foreach (var f in document.Statements.OfType<FactorStatement>())
        {
            total += Product(f.Axes.Select(a => a.Size.Text));
            // A full covariance is checked entry by entry only up to a small dimension; beyond it the
            // verdict comes from the template (every size at once), not from this size.
            if (f.Distribution.Name == Families.MultivariateNormalFamily.Definition.Name
                && f.Axes.Any(a => a.Index is null && sizes.GetValueOrDefault(a.Size.Text, 1) > Families.MultivariateNormalFamily.ConcreteCheckDimension))
                return long.MaxValue / 4;
        }
        return Math.Min(total, long.MaxValue / 4);
    }

    /// <summary>The sizes <paramref name="document"/> declares.</summary>
    public static IReadOnlyDictionary<string, int> Declared(SpecDocument document) =>
        document.Statements.OfType<DimsStatement>().SelectMany(s => s.Dims).Where(d => d.Value is >= 1 and <= int.MaxValue)
            .GroupBy(d => d.Name.Text).ToDictionary(g => g.Key, g => (int)g.First().Value, StringComparer.Ordinal);
}
