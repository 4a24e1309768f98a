using System.Globalization;
using CriterionCheck.Models;

namespace CriterionCheck.Numerics.Em;

/// <summary>
/// Says, in one sentence a person can act on, which parameters' maximisers lie on the boundary of their
/// domain — where the likelihood has a supremum but no stationary point, so no ELBO can meet its entropy
/// sum — and, where the data show why, why (a coordinate that is the same in every data point).
/// </summary>
public static class BoundaryDiagnosis
{
    private const int Shown = 8;

    /// <summary>The diagnosis for <paramref name="limits"/>, e.g. "the likelihood's supremum is on the boundary: p[1,1], p[2,1] → 0 (x[1] is 0 in every data point)".</summary>
    public static string Describe(EmStructure s, DataSet data, IReadOnlyList<BoundaryLimit> limits)
    {
        var parts = limits.GroupBy(l => (l.Limit, Why(s, data, l.Theta)))
            .Select(g => Part([.. g.Select(l => s.Space.Elements[l.Theta].ToString())], g.Key.Limit, g.Key.Item2));
        return "the likelihood's supremum is on the boundary: " + string.Join("; ", parts);
    }

    private static string Part(List<string> names, Limit limit, string? why)
    {
        var shown = string.Join(", ", names.Take(Shown)) + (names.Count > Shown ? $" and {names.Count - Shown} more" : "");
        var where = limit switch
        {
            Limit.Zero => "→ 0",
            Limit.One => "→ 1",
            Limit.Infinity => "→ ∞",
            _ => "have no data point to fit (their mixture component's weight → 0)",
        };
        return $"{shown} {where}" + (why is null ? "" : $" ({why})");
    }

    // A parameter of the observable whose coordinates are constant in the data: that is why.
    private static string? Why(EmStructure s, DataSet data, int theta)
    {
        var g = s.GroupOf[theta];
        if (g < 0) return null;
        var columns = new SortedSet<int>();
        foreach (var use in s.Groups[g].Uses)
        {
            if (use.Plan < 0) { foreach (var c in s.Gaussian!.Columns) columns.Add(c); continue; }
            var plan = s.Plans[use.Plan];
            if (plan.Factor.Role != FactorRole.Observable) return null;
            foreach (var c in plan.Variable[use.Element]) columns.Add(c);
        }
        var constant = columns.Where(c => data.Rows.All(r => r[c] == data.Rows[0][c])).ToList();
        if (constant.Count == 0 || data.Count < 2) return null;
        var c0 = constant[0];
        return constant.Count == 1
            ? $"{s.Layout.Observed[c0]} is {data.Rows[0][c0].ToString("G6", CultureInfo.InvariantCulture)} in every data point"
            : $"{string.Join(", ", constant.Select(c => s.Layout.Observed[c].ToString()))} are constant in the data";
    }
}
