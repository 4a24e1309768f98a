using System.Collections.Immutable;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Polynomials;

namespace CriterionCheck.Criterion;

/// <summary>
/// Decides the parameterization criterion for a model. Factors that share parameters form one group
/// and one joint system. For each group the parameter blocks are tried in subsets of increasing size,
/// so the first solution that stands has a smallest θ — the strongest stationarity statement. Each
/// subset goes through every route (homogeneity, then elimination); a route only proposes, and a
/// proposal stands only when the kernel proves it. When the kernel rejects one, a latent point where
/// it fails joins the points the elimination uses, and the search goes on — to a refined proposal, the
/// next route, the next θ. When even all of the group's parameters admit no solution, the elimination's
/// inconsistent system yields an exact witness, which the kernel checks too.
/// </summary>
public static class CriterionEngine
{
    /// <summary>Groups with more parameter blocks than this try only the full set.</summary>
    public const int MaxSubsetSearch = 8;

    /// <summary>Counterexample-guided re-solves per subset after the kernel rejects a proposal.</summary>
    public const int Refinements = 4;

    /// <summary>The verdict for <paramref name="model"/>; deterministic for a given <paramref name="seed"/>.</summary>
    public static CriterionResult Solve(Model model, int seed = 20261124)
    {
        var prover = new ResidualProver(model);
        var groups = Groups(model).Select(g => SolveGroup(model, g, seed, prover)).ToImmutableArray();
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

    private static GroupResult SolveGroup(Model model, List<string> factors, int seed, ResidualProver prover)
    {
        var blocks = model.Parameters.Select(p => p.Name)
            .Where(p => factors.Any(f => model.Factors.Single(x => x.Variable == f).Parameters.Contains(p))).ToImmutableArray();
        var rows = NaturalRow.Of(model, factors);
        var points = new Dictionary<int, Dictionary<Expr, double>>(); // the homogeneity route's random points, shared by every subset
        var parameterPoint = DefinedPoint(model, rows, seed);
        var extraPoints = new List<Dictionary<Expr, Rational>>();
        var rejected = ImmutableArray.CreateBuilder<string>();
        var rejectedProposals = new List<IReadOnlyDictionary<Expr, Expr>>();
        var latentNames = model.Factors.Select(f => f.Variable).ToHashSet(StringComparer.Ordinal);
        var normalizer = new Normalizer(model.Assumptions);
        PointSystem? inconsistent = null;
        string? reason = null;

        GroupResult? Accept(ImmutableArray<string> theta, IReadOnlyDictionary<Expr, Expr> coefficients, string route)
        {
            // Elimination writes (w² − 1)²/(4w(w² − 1)) where (w² − 1)/(4w) is meant: cancel the common factors,
            // or the kernel rightly refuses a coefficient that divides by something vanishing at w = 1.
            coefficients = coefficients.ToDictionary(kv => kv.Key, kv => Cancelled(kv.Value, normalizer));
            var certificate = new FactorCertificate([.. factors], theta, coefficients);
            var kernel = CertificateKernel.CheckGroup(model, certificate, prover);
            if (kernel.Accepted) return new GroupResult([.. factors], blocks, certificate, null, route, null, kernel, rejected.ToImmutable());
            rejected.Add($"θ = {{{string.Join(", ", theta)}}}: the {route} route's proposal was rejected: {kernel.Problems[0]}");
            rejectedProposals.Add(coefficients);
            if (CounterexamplePoints.Find(model, rows, coefficients, parameterPoint, seed + extraPoints.Count) is { } point
                && !extraPoints.Any(p => p.Count == point.Count && p.All(kv => point.TryGetValue(kv.Key, out var v) && v == kv.Value)))
                extraPoints.Add(point);
            return null;
        }

        foreach (var subset in Subsets(blocks))
        {
            var set = subset.ToHashSet(StringComparer.Ordinal);
            // In the rows' order, which is deterministic; sorting 157k symbols would cost more than solving.
            var columns = rows.SelectMany(r => r.Symbols).Where(s => set.Contains(s.Name)).Distinct().ToList();
            if (FamilyRoute.TrySolve(model, factors, subset) is { } closedForm && Accept(subset, closedForm, "family closed form") is { } byFamily)
                return byFamily;
            if (HomogeneityRoute.TrySolve(rows, [.. columns], EvaluatorAt(model, [.. columns], seed, points)) is { } euler
                && Accept(subset, euler, "homogeneity") is { } byHomogeneity)
                return byHomogeneity;
            var route = new EliminationRoute(model, parameterPoint, seed);
            for (var refinement = 0; refinement <= Refinements; refinement++)
            {
                var known = extraPoints.Count;
                var outcome = route.TrySolve(rows, columns, extraPoints);
                if (outcome.Coefficients is { } solved)
                {
                    if (solved.Values.Any(c => DependsOnLatents(c, latentNames)))
                    {
                        rejected.Add($"θ = {{{string.Join(", ", subset)}}}: the elimination's solution depends on the latent variables");
                        break;
                    }
                    if (Accept(subset, solved, "elimination") is { } byElimination) return byElimination;
                    if (extraPoints.Count == known) break; // no new latent point to refine with
                    continue;
                }
                if (subset.Length == blocks.Length) (inconsistent, reason) = (outcome.Inconsistent, outcome.Reason);
                break;
            }
        }
        if (inconsistent is not null)
        {
            if (WitnessBuilder.Build(model, factors, inconsistent, parameterPoint) is { } witness)
            {
                var kernel = WitnessKernel.Check(model, witness);
                if (kernel.Accepted) return new GroupResult([.. factors], blocks, null, witness, null, null, kernel, rejected.ToImmutable());
                rejected.Add($"the kernel rejected the witness: {kernel.Problems[0]}");
            }
            else rejected.Add("the system is inconsistent in floating point, but no exact witness was found at the rational parameter point");
        }
        // A proposal with a pole: at the pole the criterion may fail, and the exact system there shows it.
        var columnsOfAll = rows.SelectMany(r => r.Symbols).Where(s => blocks.Contains(s.Name)).Distinct().ToList();
        // Every rejected proposal's poles, each point once: several proposals (one per subset tried) share
        // their poles, and a cap on the raw list let the first proposals' useless ones crowd out the rest.
        var singularPoints = rejectedProposals.SelectMany(c => SingularPoints.Of(model, c, parameterPoint))
            .DistinctBy(p => string.Join(";", p.OrderBy(kv => kv.Key, ExprOrder.Instance).Select(kv => $"{kv.Key}={kv.Value}")))
            .Take(4 * SingularPoints.Max)
            // Then the blocks' centres, where symmetric parameter functions have their critical points.
            .Concat(rejectedProposals.Count > 0 ? SingularPoints.Centres(model, blocks, parameterPoint) : []);
        foreach (var point in singularPoints)
        {
            var outcome = new EliminationRoute(model, point, seed).TrySolve(rows, columnsOfAll, extraPoints);
            if (outcome.Inconsistent is null || WitnessBuilder.Build(model, factors, outcome.Inconsistent, point) is not { } singular) continue;
            var kernel = WitnessKernel.Check(model, singular);
            if (kernel.Accepted)
                return new GroupResult([.. factors], blocks, null, singular with { Reason = "the coefficients that solve the system elsewhere have a pole at this parameter point, and here no coefficients exist" },
                    null, null, kernel, rejected.ToImmutable());
        }
        var why = reason ?? (rejected.Count > 0 ? "no proposal was proved: " + rejected[^1] : "no solution was found and no inconsistency could be shown");
        return new GroupResult([.. factors], blocks, null, null, null, why, null, rejected.ToImmutable());
    }

    // The coefficient with its numerator's common factors with the denominator cancelled, when that removes one;
    // the coefficient itself otherwise (or when it is no rational function of its atoms).
    private static Expr Cancelled(Expr coefficient, Normalizer normalizer)
    {
        // Only rational functions of the parameters: with logs or exponentials as atoms the rewriting lost exactness.
        if (HasFunction(coefficient)) return coefficient;
        try
        {
            var form = RationalForm.From(normalizer.Apply(coefficient));
            var (cancelled, degree) = CommonFactors.Cancel(form);
            return degree < CommonFactors.DenominatorDegree(form) ? normalizer.Apply(cancelled) : coefficient;
        }
        catch (ExpansionLimitException) { return coefficient; }
        catch (SymbolicException) { return coefficient; }
    }

    private static bool HasFunction(Expr e) => e is FunctionCall or OpaqueCall || e.Children.Any(HasFunction);

    // A rational parameter point where the group's natural parameters have finite values (a variance
    // lambda - 1 has a pole at lambda = 1, which a random small fraction can hit).
    private static Dictionary<Expr, Rational> DefinedPoint(Model model, List<NaturalRow> rows, int seed)
    {
        var latents = new PointSampler(model, seed).Latents();
        Dictionary<Expr, Rational>? point = null;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            point = RationalPoint.Parameters(model, seed + 7919 * attempt);
            var values = point.ToDictionary(p => p.Key, p => p.Value.ToDouble());
            bool Values(Symbol s, out double v) => values.TryGetValue(s, out v) || latents.TryGetValue(s, out v);
            var finite = rows.All(r =>
            {
                try { return double.IsFinite(Evaluator.Evaluate(r.Eta, Values, (_, _) => 0.5)); }
                catch (SymbolicException) { return true; } // a symbol the evaluation cannot see: not this check's concern
            });
            if (finite) return point;
        }
        return point!;
    }

    private static bool DependsOnLatents(Expr e, HashSet<string> latentNames) =>
        e is OpaqueCall || e is Symbol s && (latentNames.Contains(s.Name) || s.Name.Contains('@')) || e.Children.Any(c => DependsOnLatents(c, latentNames));

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
            return e =>
            {
                try { return Evaluator.Evaluate(e, Values, (call, _) => opaque.TryGetValue(call, out var known) ? known : opaque[call] = random.NextDouble() - 0.5); }
                catch (SymbolicException) { return double.NaN; } // no value here: the route does not apply
            };
        };
    }
}
