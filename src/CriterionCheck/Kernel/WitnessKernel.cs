using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Evaluation;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Kernel;

/// <summary>
/// The kernel's check of a "violated" verdict, in exact arithmetic. A witness is accepted when
/// <list type="number">
/// <item>its parameter point lies inside the declared domains (positive values &gt; 0, probabilities in
///       (0, 1), simplex weights positive with a positive last weight, covariances positive definite by
///       exact elimination) and its latent points on their supports (binary values 0 or 1, categories
///       1..K, counts whole and ≥ 0, …);</item>
/// <item>opaque functions are arbitrary, so their values and derivatives at the latent points are free —
///       but consistent: two points that agree on a function's inputs give it the same values;</item>
/// <item>in the column of every parameter the rows use, Σ y·∂η/∂θ at the points is exactly 0 (rational
///       arithmetic, or a proof of the zero test for constants such as logit(1/3));</item>
/// <item>Σ y·η ≠ 0, shown exactly or by rigorous interval bounds.</item>
/// </list>
/// Then no coefficients can reproduce η at that parameter point, for any θ.
/// </summary>
public static class WitnessKernel
{
    /// <summary>Checks <paramref name="witness"/> against <paramref name="model"/>.</summary>
    public static KernelResult Check(Model model, Witness witness)
    {
        var problems = new List<string>();
        var factors = new Dictionary<string, Factor>(StringComparer.Ordinal);
        foreach (var name in witness.Factors)
            if (model.Factors.FirstOrDefault(f => f.Variable == name) is { } factor) factors[name] = factor;
            else problems.Add($"the witness names a factor {name} that the model does not have");
        if (witness.Factors.Length == 0) problems.Add("the witness names no factor");
        if (witness.Rows.IsEmpty) problems.Add("the witness has no rows");
        foreach (var row in witness.Rows)
        {
            if (!factors.TryGetValue(row.Factor, out var factor)) { problems.Add($"a row names factor {row.Factor}, which is not among the witness's factors"); continue; }
            if (row.Element < 0 || row.Element >= factor.Elements.Length) problems.Add($"a row names element {row.Element + 1} of {row.Factor}, which has {factor.Elements.Length}");
            else if (row.Natural < 0 || row.Natural >= factor.Elements[row.Element].NaturalParameters.Length)
                problems.Add($"a row names natural parameter {row.Natural + 1} of {factor.Elements[row.Element].Label(row.Factor)}, which has {factor.Elements[row.Element].NaturalParameters.Length}");
            if (row.LatentPoint < 0 || row.LatentPoint >= witness.LatentPoints.Length) problems.Add($"a row names latent point {row.LatentPoint + 1}, but the witness has {witness.LatentPoints.Length}");
            if (RealProblem(row.Weight) is { } weight) problems.Add($"a row's weight {row.Weight} {weight}");
        }
        if (problems.Count > 0) return KernelResult.Rejected(problems);

        ParameterProblems(model, witness.Parameters, problems);
        var latentFactor = model.Factors.Where(f => f.Role != FactorRole.Observable)
            .SelectMany(f => f.Elements.SelectMany(e => e.Variable).Select(v => (v, f))).ToDictionary(p => (Expr)p.v, p => p.f);
        for (var p = 0; p < witness.LatentPoints.Length; p++) LatentProblems(model, witness.LatentPoints[p], p, latentFactor, problems);
        OpaqueConsistency(model, witness, problems);
        if (problems.Count > 0) return KernelResult.Rejected(problems);

        // Rows at their points: values substituted, categorical indices first (mu[c, d] names an element).
        var columnSums = new Dictionary<Expr, List<Expr>>();
        var etaTerms = new List<Expr>();
        foreach (var row in witness.Rows)
        {
            var point = witness.LatentPoints[row.LatentPoint];
            var eta = factors[row.Factor].Elements[row.Element].NaturalParameters[row.Natural];
            var categorical = eta.Symbols().Where(s => model.Factors.Any(f => f.IsCategorical && f.Variable == s.Name)).ToList();
            if (categorical.Count > 0)
            {
                var missing = categorical.FirstOrDefault(c => !point.ContainsKey(c));
                if (missing is not null) { problems.Add($"latent point {row.LatentPoint + 1} gives no value for {missing}"); continue; }
                eta = CategoricalValues.Substitute(model, eta, categorical.ToDictionary(c => (Expr)c, c => point[c]));
            }
            var columns = eta.Symbols().Where(s => s.Indices.IsEmpty ? model.Parameters.Any(b => b.Name == s.Name) : witness.Parameters.ContainsKey(s) || IsParameter(model, s)).ToHashSet();
            Expr At(Expr e) => Substitution.Substitute(e, new Layered(point, witness.Parameters));
            Expr value;
            try { value = At(eta); }
            catch (SymbolicException e) { problems.Add($"{Label(factors[row.Factor], row)} has no value at latent point {row.LatentPoint + 1}: {e.Message}"); continue; }
            if (Unvalued(value) is { } free) { problems.Add($"{Label(factors[row.Factor], row)} at latent point {row.LatentPoint + 1} needs a value for {free}"); continue; }
            etaTerms.Add(row.Weight * value);
            foreach (var (column, derivative) in SparseGradient.Of(eta, columns))
            {
                Expr d;
                try { d = At(derivative); }
                catch (SymbolicException e) { problems.Add($"∂{Label(factors[row.Factor], row)}/∂{column} has no value at latent point {row.LatentPoint + 1}: {e.Message}"); continue; }
                if (Unvalued(d) is { } freeInDerivative) { problems.Add($"∂{Label(factors[row.Factor], row)}/∂{column} at latent point {row.LatentPoint + 1} needs a value for {freeInDerivative}"); continue; }
                if (!columnSums.TryGetValue(column, out var list)) columnSums[column] = list = [];
                list.Add(row.Weight * d);
            }
        }
        if (problems.Count > 0) return KernelResult.Rejected(problems);

        var proofs = ProofCounts.None;
        var zeroTest = new ZeroTest();
        foreach (var (column, terms) in columnSums.OrderBy(c => c.Key, ExprOrder.Instance))
        {
            var sum = Sum.Of(terms);
            if (sum.IsZero) proofs = proofs.With(ProofMethod.Structural, 1);
            else if (zeroTest.Prove(sum)) proofs = proofs.With(ProofMethod.NormalForm, 1);
            else problems.Add($"yᵀJ is {Describe(sum)} in the column of {column}, not 0");
        }
        var total = Sum.Of(etaTerms);
        string? evidence = null;
        if (total is Number { Value: var exact })
        {
            if (exact.IsZero) problems.Add("yᵀη is exactly 0, which shows no inconsistency");
            else evidence = $"yᵀη = {exact} exactly";
        }
        else
        {
            var bounds = new Bounds(DomainAssumptions.None).Of(total);
            if (bounds.ExcludesZero) evidence = $"yᵀη = {CertificateKernel.Short(total)}, which lies in [{bounds.Low:G6}, {bounds.High:G6}] by rigorous bounds";
            else if (zeroTest.Prove(total)) problems.Add($"yᵀη = {CertificateKernel.Short(total)} is 0, which shows no inconsistency");
            else problems.Add($"yᵀη = {CertificateKernel.Short(total)} could not be shown to be nonzero");
        }
        return new KernelResult(problems.Count == 0, [.. problems], proofs, evidence);
    }

    private static bool IsParameter(Model model, Symbol s) => model.Parameters.Any(b => b.Name == s.Name);

    private static string Label(Factor factor, WitnessRow row) => $"η{row.Natural + 1}({factor.Elements[row.Element].Label(factor.Variable)})";

    private static bool IsConstant(Expr e) => e.Symbols().Count == 0 && !ContainsOpaque(e);

    // Every value a witness gives must be a real number: a constant without symbols whose every
    // sub-expression is defined over the reals (no root or log of a negative, no division by 0).
    // sqrt(-1) would otherwise let a witness "violate" a criterion the kernel also proves satisfied.
    private static string? RealProblem(Expr value)
    {
        if (!IsConstant(value)) return "is not a number";
        return Definedness.Problem(value, new Bounds(DomainAssumptions.None)) is { } why ? $"is not a real number ({why})" : null;
    }

    private static bool ContainsOpaque(Expr e) => e is OpaqueCall || e.Children.Any(ContainsOpaque);

    // The first symbol or opaque call left after substituting every value, or null.
    private static Expr? Unvalued(Expr e)
    {
        if (e is OpaqueCall) return e;
        if (e is Symbol) return e;
        foreach (var c in e.Children) if (Unvalued(c) is { } found) return found;
        return null;
    }

    private static string Describe(Expr constant)
    {
        var bounds = new Bounds(DomainAssumptions.None).Of(constant);
        return double.IsFinite(bounds.Low) && bounds.Low == bounds.High ? $"{bounds.Low:G6}" : CertificateKernel.Short(constant);
    }

    // The sign of a constant: exactly for rationals, by rigorous bounds otherwise; null when unknown.
    private static int? Sign(Expr constant)
    {
        if (constant is Number n) return n.Value.Sign;
        var b = new Bounds(DomainAssumptions.None).Of(constant);
        return b.IsPositive ? 1 : b.IsNegative ? -1 : null;
    }

    private static void ParameterProblems(Model model, ImmutableDictionary<Expr, Expr> parameters, List<string> problems)
    {
        var free = model.Parameters.SelectMany(b => b.FreeElements.Select(e => ((Expr)e, b))).ToDictionary(p => p.Item1, p => p.b);
        foreach (var (key, value) in parameters)
        {
            if (!free.TryGetValue(key, out var block)) { problems.Add($"the witness gives a value for {key}, which is not a free parameter element of the model"); continue; }
            if (RealProblem(value) is { } notReal) { problems.Add($"the value of {key}, {value}, {notReal}"); continue; }
            var bad = block.Domain switch
            {
                ParameterDomain.Positive when Sign(value) != 1 => "is not positive",
                ParameterDomain.UnitInterval or ParameterDomain.Simplex when Sign(value) != 1 || Sign(Number.One - value) != 1 => "is not in (0, 1)",
                _ => null,
            };
            if (bad is not null) problems.Add($"{key} = {value} {bad}, so the point lies outside the domain of {block.Name} ({block.Domain.Keyword()})");
        }
        foreach (var row in model.Assumptions.Simplices)
        {
            var given = row.Where(parameters.ContainsKey).ToList();
            if (given.Count == 0) continue;
            if (given.Count != row.Count) { problems.Add($"the witness gives only some weights of the simplex row {string.Join(", ", row.OrderBy(w => w, ExprOrder.Instance))}; give all of them"); continue; }
            var last = Number.One - Sum.Of(given.Select(w => parameters[w]));
            if (Sign(last) != 1) problems.Add($"the weights {string.Join(", ", given.OrderBy(w => w, ExprOrder.Instance).Select(w => $"{w} = {parameters[w]}"))} leave a last weight of {last}, which is not positive");
        }
        foreach (var block in model.Parameters.Where(b => b.Domain == ParameterDomain.PositiveDefinite))
            foreach (var matrix in block.Indices.GroupBy(i => string.Join(",", i.Take(i.Length - 2))))
            {
                var entries = matrix.ToList();
                var symbols = entries.Select(i => block.Element([.. i.Select(v => (Expr)Number.Of(v))])).ToList();
                if (!symbols.Any(parameters.ContainsKey)) continue;
                if (!symbols.All(s => parameters.TryGetValue(s, out var v) && v is Number))
                {
                    problems.Add($"the covariance {block.Name}{(matrix.Key.Length == 0 ? "" : $"[{matrix.Key}]")} must be given whole, in rationals, to check that it is positive definite");
                    continue;
                }
                var n = block.Shape[^1].Size;
                var a = new Rational[n, n];
                for (var k = 0; k < entries.Count; k++) a[entries[k][^2] - 1, entries[k][^1] - 1] = ((Number)parameters[symbols[k]]).Value;
                if (!PositiveDefinite(a)) problems.Add($"the covariance {block.Name}{(matrix.Key.Length == 0 ? "" : $"[{matrix.Key}]")} at the witness's point is not positive definite");
            }
    }

    // A symmetric matrix is positive definite exactly when Gaussian elimination without pivoting meets only positive pivots.
    private static bool PositiveDefinite(Rational[,] a)
    {
        var n = a.GetLength(0);
        for (var k = 0; k < n; k++)
        {
            if (a[k, k].Sign <= 0) return false;
            for (var i = k + 1; i < n; i++)
            {
                var factor = a[i, k] / a[k, k];
                for (var j = k; j < n; j++) a[i, j] -= factor * a[k, j];
            }
        }
        return true;
    }

    private static void LatentProblems(Model model, ImmutableDictionary<Expr, Expr> point, int p, Dictionary<Expr, Factor> latentFactor, List<string> problems)
    {
        foreach (var (key, value) in point)
        {
            if (key is OpaqueCall call)
            {
                if (model.Functions.All(f => f.Name != call.Name)) problems.Add($"latent point {p + 1} gives a value for {key}, but the model has no function {call.Name}");
                else if (RealProblem(value) is { } opaqueValue) problems.Add($"latent point {p + 1}: the value of {key}, {value}, {opaqueValue}");
                continue;
            }
            if (!latentFactor.TryGetValue(key, out var factor)) { problems.Add($"latent point {p + 1} gives a value for {key}, which is not a latent variable of the model"); continue; }
            if (RealProblem(value) is { } notReal) { problems.Add($"latent point {p + 1}: the value of {key}, {value}, {notReal}"); continue; }
            var support = factor.Family.Support;
            Rational? r = value is Number n ? n.Value : null;
            var bad = support.Kind switch
            {
                SupportKind.Binary when r is not { } b || !(b.IsZero || b.IsOne) => "is not 0 or 1",
                SupportKind.Categorical when r is not { IsInteger: true } c || c < 1 || c > support.Size => $"is not a category 1..{support.Size}",
                SupportKind.Count when r is not { IsInteger: true } c || c.Sign < 0 => "is not a count (a whole number ≥ 0)",
                SupportKind.BoundedCount when r is not { IsInteger: true } c || c.Sign < 0 || c > support.Size => $"is not a count in 0..{support.Size}",
                SupportKind.Positive when Sign(value) != 1 => "is not positive",
                SupportKind.UnitInterval when Sign(value) != 1 || Sign(Number.One - value) != 1 => "is not in (0, 1)",
                _ => null,
            };
            if (bad is not null) problems.Add($"latent point {p + 1}: {key} = {value} {bad}, so it lies outside the support of {factor.Variable} ({support.Keyword})");
        }
    }

    // An opaque function's values are free, but one function at one input has one value. Inputs are
    // compared by value, not by how they are written: log(4) and 2*log(2) are one input. Two points
    // whose inputs can be neither proved equal nor proved different leave the witness unchecked.
    private static void OpaqueConsistency(Model model, Witness witness, List<string> problems)
    {
        var inputsOf = model.Functions.ToDictionary(f => f.Name, f => f.Inputs);
        var latentElements = model.Factors.ToDictionary(f => f.Variable, f => f.Elements.SelectMany(e => e.Variable).Cast<Expr>().ToList());
        var seen = new Dictionary<Expr, List<(Expr[] Inputs, Expr Value, int Point)>>();
        var zeroTest = new ZeroTest();
        for (var p = 0; p < witness.LatentPoints.Length; p++)
        {
            var point = witness.LatentPoints[p];
            foreach (var (key, value) in point)
            {
                if (key is not OpaqueCall call || !inputsOf.TryGetValue(call.Name, out var inputs)) continue;
                var elements = inputs.SelectMany(i => latentElements.GetValueOrDefault(i) ?? []).ToList();
                var missing = elements.FirstOrDefault(e => !point.ContainsKey(e));
                if (missing is not null) { problems.Add($"latent point {p + 1} gives {key} but no value for its input {missing}"); continue; }
                var here = elements.Select(e => point[e]).ToArray();
                if (!seen.TryGetValue(key, out var earlier)) seen[key] = earlier = [];
                foreach (var (there, thereValue, q) in earlier)
                {
                    var same = Compare(here, there, zeroTest);
                    if (same is null)
                        problems.Add($"the inputs of {key} at latent points {q + 1} and {p + 1} can be proved neither equal nor different, so its values there may have to agree");
                    else if (same == true && Compare([value], [thereValue], zeroTest) != true)
                        problems.Add($"{key} is {thereValue} at latent point {q + 1} and {value} at latent point {p + 1}, which have the same inputs");
                }
                earlier.Add((here, value, p));
            }
        }
    }

    // True when the tuples are provably equal, false when some entries provably differ, null when neither is shown.
    private static bool? Compare(Expr[] a, Expr[] b, ZeroTest zeroTest)
    {
        var allEqual = true;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Equals(b[i])) continue;
            var difference = a[i] - b[i];
            if (difference is Number { Value.IsZero: false } || new Bounds(DomainAssumptions.None).Of(difference).ExcludesZero) return false;
            if (!zeroTest.Prove(difference)) allEqual = false;
        }
        return allEqual ? true : null;
    }

    // The point's latent and opaque values over the parameter values, without copying either map.
    private sealed class Layered(ImmutableDictionary<Expr, Expr> first, ImmutableDictionary<Expr, Expr> second) : IReadOnlyDictionary<Expr, Expr>
    {
        public Expr this[Expr key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException();
        public IEnumerable<Expr> Keys => first.Keys.Concat(second.Keys);
        public IEnumerable<Expr> Values => first.Values.Concat(second.Values);
        public int Count => first.Count + second.Count;
        public bool ContainsKey(Expr key) => first.ContainsKey(key) || second.ContainsKey(key);
        public bool TryGetValue(Expr key, out Expr value) => first.TryGetValue(key, out value!) || second.TryGetValue(key, out value!);
        public IEnumerator<KeyValuePair<Expr, Expr>> GetEnumerator() => first.Concat(second).GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
