using System.Collections.Immutable;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;

namespace CriterionCheck.Criterion;

/// <summary>
/// Decides the parameterization criterion for a model (DESIGN §1–2). Factors that share parameters
/// form one group and one joint system; for each group the parameter blocks are tried in subsets of
/// increasing size, so the first solution found has a smallest θ — the strongest stationarity
/// statement. Each subset goes through the homogeneity route first and elimination otherwise. When
/// even all of the group's parameters admit no solution, the elimination's witness shows why.
/// </summary>
public static class CriterionEngine
{
    /// <summary>Groups with more parameter blocks than this try only the full set.</summary>
    public const int MaxSubsetSearch = 8;

    /// <summary>The verdict for <paramref name="model"/>; deterministic for a given <paramref name="seed"/>.</summary>
    public static CriterionResult Solve(Model model, int seed = 20261124)
    {
        var groups = Groups(model).Select(g => SolveGroup(model, g, seed)).ToImmutableArray();
        var verdict = groups.Any(g => g.Witness is not null) ? Verdict.Violated
            : groups.Any(g => g.Certificate is null) ? Verdict.Undecided
            : Verdict.Satisfied;
        int? theorem = verdict == Verdict.Satisfied ? model.Factors.All(f => f.Family.HasConstantBaseMeasure) ? 1 : 2 : null;
        return new CriterionResult(verdict, groups, theorem);
    }

    /// <summary>Factors in groups connected by shared parameters, in dependency order.</summary>
    public static List<List<string>> Groups(Model model)
    {
        var groups = new List<List<string>>();
        foreach (var factor in model.Factors)
        {
            var joined = groups.Where(g => g.Any(other => model.Factors.Single(f => f.Variable == other).Parameters.Intersect(factor.Parameters).Any())).ToList();
            var merged = joined.SelectMany(g => g).Append(factor.Variable).ToList();
            groups.RemoveAll(joined.Contains);
            groups.Add(merged);
        }
        return [.. groups.OrderBy(g => model.Factors.IndexOf(model.Factors.First(f => g.Contains(f.Variable))))];
    }

    private static GroupResult SolveGroup(Model model, List<string> factors, int seed)
    {
        var blocks = model.Parameters.Select(p => p.Name)
            .Where(p => factors.Any(f => model.Factors.Single(x => x.Variable == f).Parameters.Contains(p))).ToImmutableArray();
        var rows = NaturalRow.Of(model, factors);
        var points = new Dictionary<int, Dictionary<Expr, double>>(); // random points, shared by every subset
        var parameterPoint = new PointSampler(model, seed).Parameters(); // the elimination's point, likewise
        Witness? witness = null;
        string? reason = null;
        foreach (var subset in Subsets(blocks))
        {
            var set = subset.ToHashSet(StringComparer.Ordinal);
            // In the rows' order, which is deterministic; sorting 157k symbols would cost more than solving.
            var columns = rows.SelectMany(r => r.Symbols).Where(s => set.Contains(s.Name)).Distinct().ToList();
            if (HomogeneityRoute.TrySolve(rows, [.. columns], EvaluatorAt(model, [.. columns], seed, points)) is { } euler)
                return new GroupResult([.. factors], blocks, new FactorCertificate([.. factors], subset, euler), null, "homogeneity", null);
            var outcome = new EliminationRoute(model, factors, parameterPoint, seed).TrySolve(rows, columns);
            if (outcome.Coefficients is { } solved)
                return new GroupResult([.. factors], blocks, new FactorCertificate([.. factors], subset, solved), null, "elimination", null);
            if (subset.Length == blocks.Length) (witness, reason) = (outcome.Witness, outcome.Reason);
        }
        return new GroupResult([.. factors], blocks, null, witness, null,
            witness is null ? reason ?? "no solution was found and no inconsistency could be shown" : null);
    }

    // Smallest first, in declaration order; a group without parameters has only the empty set.
    private static IEnumerable<ImmutableArray<string>> Subsets(ImmutableArray<string> blocks)
    {
        if (blocks.Length > MaxSubsetSearch) { yield return blocks; yield break; }
        if (blocks.IsEmpty) { yield return []; yield break; }
        for (var size = 1; size <= blocks.Length; size++)
            for (var mask = 1; mask < 1 << blocks.Length; mask++)
                if (System.Numerics.BitOperations.PopCount((uint)mask) == size)
                    yield return [.. blocks.Where((_, i) => (mask & (1 << i)) != 0)];
    }

    // Evaluation at seeded random parameter and latent points, with the columns scaled; opaque values are random unknowns.
    private static Func<int, double, Func<Expr, double>> EvaluatorAt(Model model, IReadOnlyList<Expr> columns, int seed,
        Dictionary<int, Dictionary<Expr, double>> points)
    {
        var columnSet = columns.ToHashSet();
        return (i, scale) =>
        {
            if (!points.TryGetValue(i, out var basePoint))
            {
                var sampler = new PointSampler(model, seed + 100 + i);
                basePoint = sampler.Parameters();
                foreach (var (k, v) in sampler.Latents()) basePoint[k] = v;
                points[i] = basePoint;
            }
            // A scaled view of the point rather than a copy: at MNIST size the point has 157k entries.
            bool Values(Symbol s, out double value)
            {
                if (!basePoint.TryGetValue(s, out value)) return false;
                if (columnSet.Contains(s)) value *= scale;
                return true;
            }
            var opaque = new Dictionary<OpaqueCall, double>();
            var random = new Random(seed + 200 + i);
            return e => Evaluator.Evaluate(e, Values, (call, _) => opaque.TryGetValue(call, out var known) ? known : opaque[call] = random.NextDouble() - 0.5);
        };
    }
}
