using System.Collections.Immutable;
using System.Numerics;
using System.Text.Json.Nodes;
using CriterionCheck.Families;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Tests.Kernel.Tampering;

/// <summary>
/// Mutation operators on a genuine "violated" witness. Each is applied only where the result is genuinely
/// wrong: a weight is perturbed or zeroed only on a row whose η has a nonzero derivative at the witness's
/// point (otherwise a one-row, parameter-free witness stays valid), a latent value is moved off its support,
/// a parameter off its domain, a value replaced by something that is not a number, rows pointed outside the
/// model. Mutations that only a file can express (<c>"1/0"</c>, <c>""</c>, <c>x[99]</c>) edit the genuine JSON.
/// </summary>
public static class WitnessMutations
{
    private const string NotBalanced = "yᵀJ is";

    /// <summary>Every tampered witness made from <paramref name="genuine"/>'s witness.</summary>
    public static IEnumerable<Mutant> Of(GenuineEvidence genuine)
    {
        var model = genuine.Model;
        var w = genuine.Witness ?? throw new ArgumentException($"{genuine.Spec} has no witness");
        var spec = genuine.Spec;
        Mutant M(string family, string name, Witness witness, string expected, int fileExit = 1, string? fileExpected = null) =>
            new(spec, family, name, null, witness, expected, null, fileExit, fileExpected);
        string Edit(Action<JsonObject> edit)
        {
            var root = JsonNode.Parse(genuine.Json)!.AsObject();
            edit(root["witness"]!.AsObject());
            return root.ToJsonString();
        }
        Mutant File(string family, string name, Action<JsonObject> edit, string fileExpected) =>
            new(spec, family, name, null, null, fileExpected, Edit(edit), 2, fileExpected);
        // A witness the API can hold but CertificateJson cannot write (a row outside the model): its file is the genuine one, edited.
        Mutant Both(string family, string name, Witness witness, string expected, Action<JsonObject> edit, string fileExpected) =>
            new(spec, family, name, null, witness, expected, Edit(edit), 2, fileExpected);

        // ---- weights ----------------------------------------------------------------------------------
        var moving = Enumerable.Range(0, w.Rows.Length).Where(r => RowMoves(model, w, r)).ToList();
        if (moving.Count > 0)
        {
            var r = moving[0];
            var perturbed = w.Rows[r].Weight * Number.Of(Rational.One + new Rational(BigInteger.One, BigInteger.Pow(10, 12)));
            yield return M("weight", $"weight of row {r + 1} times 1 + 1e-12", w with { Rows = w.Rows.SetItem(r, w.Rows[r] with { Weight = perturbed }) }, NotBalanced);
            yield return M("weight", $"weight of row {r + 1} set to 0", w with { Rows = w.Rows.SetItem(r, w.Rows[r] with { Weight = Number.Zero }) }, NotBalanced);
            if (w.Rows.Length > 1) yield return M("rows", $"row {r + 1} removed", w with { Rows = w.Rows.RemoveAt(r) }, NotBalanced);
        }
        if (w.Rows.Length == 1)
            yield return M("weight", "the only weight set to 0", w with { Rows = [w.Rows[0] with { Weight = Number.Zero }] }, "yᵀη is exactly 0");
        // y and −y together: yᵀJ = 0 but also yᵀη = 0.
        yield return M("weight", "every row cancelled by its negative", w with { Rows = w.Rows.AddRange(w.Rows.Select(x => x with { Weight = -x.Weight })) }, "which shows no inconsistency");

        // ---- rows -------------------------------------------------------------------------------------
        yield return M("rows", "no rows", w with { Rows = [] }, "the witness has no rows");
        var row0 = w.Rows[0];
        var factor0 = model.Factors.Single(f => f.Variable == row0.Factor);
        yield return Both("rows-outside", $"row 1 at element {row0.Factor}[99]", w with { Rows = w.Rows.SetItem(0, row0 with { Element = 98 }) },
            $"a row names element 99 of {row0.Factor}, which has {factor0.Elements.Length}", o => o["rows"]![0]!["element"] = $"{row0.Factor}[99]", $"{row0.Factor} has no element {row0.Factor}[99]");
        yield return M("rows-outside", "row 1 at natural parameter 7", w with { Rows = w.Rows.SetItem(0, row0 with { Natural = 6 }) },
            "a row names natural parameter 7 of", 2, "\"natural\" is 7; it must lie in 1..");
        yield return M("rows-outside", "row 1 at latent point 9", w with { Rows = w.Rows.SetItem(0, row0 with { LatentPoint = 8 }) },
            $"a row names latent point 9, but the witness has {w.LatentPoints.Length}", 2, "\"latentPoint\" is 9; it must lie in 1..");
        yield return Both("rows-outside", "row 1 for factor ghost", w with { Rows = w.Rows.SetItem(0, row0 with { Factor = "ghost" }) },
            "a row names factor ghost, which is not among the witness's factors", o => o["rows"]![0]!["factor"] = "ghost", "the model has no factor ghost");
        if (model.Factors.FirstOrDefault(f => !w.Factors.Contains(f.Variable)) is { } outsider)
            yield return M("rows-outside", $"row 1 for factor {outsider.Variable}, not among the witness's", w with { Rows = w.Rows.SetItem(0, row0 with { Factor = outsider.Variable, Element = 0, Natural = 0 }) },
                $"a row names factor {outsider.Variable}, which is not among the witness's factors");
        yield return M("factors", "witness names factor ghost", w with { Factors = w.Factors.Add("ghost") }, "the witness names a factor ghost that the model does not have");
        yield return M("factors", "witness names no factor", w with { Factors = [] }, "the witness names no factor");

        // ---- latent points ----------------------------------------------------------------------------
        var latentFactor = model.Factors.Where(f => f.Role != FactorRole.Observable)
            .SelectMany(f => f.Elements.SelectMany(e => e.Variable).Select(v => (v, f))).ToDictionary(p => (Expr)p.v, p => p.f);
        foreach (var kind in Enum.GetValues<SupportKind>())
        {
            var at = Enumerable.Range(0, w.LatentPoints.Length).SelectMany(p => w.LatentPoints[p].Keys.Where(k => latentFactor.TryGetValue(k, out var f) && f.Family.Support.Kind == kind).Select(k => (p, k))).FirstOrDefault();
            if (at.k is null) continue;
            foreach (var (value, why) in OffSupport(latentFactor[at.k].Family.Support))
                yield return M("latent-off-support", $"{at.k} = {value} at latent point {at.p + 1}", SetLatent(w, at.p, at.k, value), $"{at.k} = {value} {why}");
        }
        var observed = model.Observable.Elements[0].Variable[0];
        yield return M("latent-points", $"latent point 1 gives the observable {observed}", SetLatent(w, 0, observed, Number.Zero), $"gives a value for {observed}, which is not a latent variable of the model");
        if (latentFactor.Keys.OfType<Symbol>().FirstOrDefault(s => !s.Indices.IsEmpty) is { } indexed)
        {
            var outside = Symbol.Of(indexed.Name, indexed.Indices.Select(_ => 99).ToArray());
            yield return M("latent-points", $"latent point 1 gives {outside}, outside the model", SetLatent(w, 0, outside, Number.Zero), $"gives a value for {outside}, which is not a latent variable of the model");
        }
        var usedLatent = UsedLatent(model, w, latentFactor);
        if (usedLatent is { } used)
        {
            var (p, key) = used;
            var categorical = latentFactor[key].IsCategorical;
            yield return M("latent-points", $"{key} missing from latent point {p + 1}", w with { LatentPoints = w.LatentPoints.SetItem(p, w.LatentPoints[p].Remove(key)) },
                categorical ? $"latent point {p + 1} gives no value for {key}" : $"needs a value for {key}");
        }

        // ---- parameters -------------------------------------------------------------------------------
        foreach (var block in model.Parameters)
            foreach (var (name, values, expected) in OffDomain(model, block))
            {
                var parameters = w.Parameters;
                foreach (var e in block.FreeElements) if (!parameters.ContainsKey(e)) parameters = parameters.SetItem(e, Inside(model, block, e));
                foreach (var (k, v) in values) parameters = parameters.SetItem(k, v);
                yield return M("parameter-off-domain", name, w with { Parameters = parameters }, expected);
            }
        yield return M("parameters", $"a value for the observable {observed}", w with { Parameters = w.Parameters.SetItem(observed, Number.One) }, $"gives a value for {observed}, which is not a free parameter element");
        if (model.Parameters.FirstOrDefault(b => b.Domain == ParameterDomain.Simplex) is { } simplex)
        {
            var last = Symbol.Of(simplex.Name, simplex.Indices[0].SkipLast(1).Append(simplex.Shape[^1].Size).ToArray());
            yield return M("parameters", $"a value for the last simplex weight {last}", w with { Parameters = w.Parameters.SetItem(last, new Rational(1, 4)) },
                "which is not a free parameter element");
        }
        var usedParameter = w.Parameters.Keys.Order(ExprOrder.Instance).FirstOrDefault(k => Needed(model, w, k, null));
        if (usedParameter is not null)
            yield return M("parameters", $"{usedParameter} missing", w with { Parameters = w.Parameters.Remove(usedParameter) }, $"needs a value for {usedParameter}");

        // ---- values that are not numbers --------------------------------------------------------------
        var firstParameter = w.Parameters.Keys.Order(ExprOrder.Instance).FirstOrDefault();
        var firstLatent = Enumerable.Range(0, w.LatentPoints.Length).SelectMany(p => w.LatentPoints[p].Keys.Where(latentFactor.ContainsKey).Select(k => (p, k))).FirstOrDefault();
        var aSymbol = model.Parameters[0].FreeElements[0];
        foreach (var (text, symbol) in new[] { ("NaN", (Expr?)Symbol.Of("NaN")), ("inf", Symbol.Of("inf")), ("1/0", null), ("", null), (aSymbol.ToString(), aSymbol) })
        {
            var shown = text.Length == 0 ? "empty" : text;
            var fileExpected = symbol is null ? text.Length == 0 ? "expected an expression, found nothing" : "division by zero" : null;
            var unknownName = symbol is Symbol { Name: "NaN" or "inf" } s ? $"'{s.Name}' is not a parameter, variable or size" : null;
            string Message(string apiMessage) => fileExpected ?? unknownName ?? apiMessage;
            var exit = fileExpected is not null || unknownName is not null ? 2 : 1;

            if (symbol is not null)
                yield return M("not-a-number", $"weight of row 1 is {shown}", w with { Rows = w.Rows.SetItem(0, row0 with { Weight = symbol }) },
                    $"a row's weight {symbol} is not a number", exit, Message($"a row's weight {symbol} is not a number"));
            else yield return File("not-a-number", $"weight of row 1 is {shown}", o => o["rows"]![0]!["weight"] = text, fileExpected!);

            if (firstParameter is not null)
            {
                if (symbol is not null)
                    yield return M("not-a-number", $"{firstParameter} is {shown}", w with { Parameters = w.Parameters.SetItem(firstParameter, symbol) },
                        $"the value of {firstParameter}, {symbol}, is not a number", exit, Message($"the value of {firstParameter}, {symbol}, is not a number"));
                else yield return File("not-a-number", $"{firstParameter} is {shown}", o => o["parameters"]![firstParameter.ToString()] = text, fileExpected!);
            }
            if (firstLatent.k is not null)
            {
                var (p, k) = firstLatent;
                if (symbol is not null)
                    yield return M("not-a-number", $"{k} at latent point {p + 1} is {shown}", SetLatent(w, p, k, symbol),
                        $"latent point {p + 1}: the value of {k}, {symbol}, is not a number", exit, Message($"latent point {p + 1}: the value of {k}, {symbol}, is not a number"));
                else yield return File("not-a-number", $"{k} at latent point {p + 1} is {shown}", o => o["latentPoints"]![p]![k.ToString()] = text, fileExpected!);
            }
        }

        // ---- opaque function values -------------------------------------------------------------------
        foreach (var mutant in OpaqueMutations(model, spec, w, latentFactor)) yield return mutant;
    }

    private static IEnumerable<Mutant> OpaqueMutations(Model model, string spec, Witness w, Dictionary<Expr, Factor> latentFactor)
    {
        var opaque = Enumerable.Range(0, w.LatentPoints.Length).SelectMany(p => w.LatentPoints[p].Where(kv => kv.Key is OpaqueCall).Select(kv => (p, Call: (OpaqueCall)kv.Key, kv.Value))).ToList();
        if (opaque.Count == 0) yield break;
        Mutant M(string name, Witness witness, string expected, int fileExit = 1, string? fileExpected = null) =>
            new(spec, "opaque", name, null, witness, expected, null, fileExit, fileExpected);

        // Two points with the same inputs but different values of one function: copy point 1's latents into point 2.
        var differing = opaque.FirstOrDefault(a => opaque.Any(b => b.p != a.p && b.Call.Equals(a.Call) && !b.Value.Equals(a.Value)));
        if (differing.Call is not null)
        {
            var other = opaque.First(b => b.p != differing.p && b.Call.Equals(differing.Call) && !b.Value.Equals(differing.Value)).p;
            var point = w.LatentPoints[other];
            foreach (var (k, v) in w.LatentPoints[differing.p].Where(kv => latentFactor.ContainsKey(kv.Key))) point = point.SetItem(k, v);
            yield return M($"latent point {other + 1} given point {differing.p + 1}'s inputs, with other values of {differing.Call}", w with { LatentPoints = w.LatentPoints.SetItem(other, point) },
                "which have the same inputs");
        }
        var (p0, call, _) = opaque[0];
        yield return M($"{call} at latent point {p0 + 1} removed", w with { LatentPoints = w.LatentPoints.SetItem(p0, w.LatentPoints[p0].Remove(call)) }, $"needs a value for {call}");
        var symbol = model.Parameters[0].FreeElements[0];
        yield return M($"{call} at latent point {p0 + 1} is {symbol}", SetLatent(w, p0, call, symbol), $"latent point {p0 + 1}: the value of {call}, {symbol}, is not a number");
        var ghost = OpaqueCall.Of("ghost", call.Indices, call.Arguments, call.InputCount, call.Derivatives);
        yield return M($"a value for an undeclared function {ghost}", SetLatent(w, p0, ghost, Number.One), "but the model has no function ghost", 2, "ghost");
    }

    // Values outside a latent support, with the kernel's words for why.
    private static IEnumerable<(Expr Value, string Why)> OffSupport(Support support)
    {
        var half = Number.Of(Rational.Half);
        switch (support.Kind)
        {
            case SupportKind.Binary:
                yield return (half, "is not 0 or 1");
                yield return (Number.Two, "is not 0 or 1");
                yield return (Number.MinusOne, "is not 0 or 1");
                break;
            case SupportKind.Categorical:
                yield return (Number.Zero, $"is not a category 1..{support.Size}");
                yield return (Number.Of(support.Size + 1), $"is not a category 1..{support.Size}");
                yield return (Number.Of(new Rational(3, 2)), $"is not a category 1..{support.Size}");
                break;
            case SupportKind.Count:
                yield return (Number.MinusOne, "is not a count");
                yield return (half, "is not a count");
                break;
            case SupportKind.BoundedCount:
                yield return (Number.Of(support.Size + 1), $"is not a count in 0..{support.Size}");
                yield return (Number.MinusOne, $"is not a count in 0..{support.Size}");
                break;
            case SupportKind.Positive:
                yield return (Number.MinusOne, "is not positive");
                yield return (Number.Zero, "is not positive");
                break;
            case SupportKind.UnitInterval:
                yield return (Number.Zero, "is not in (0, 1)");
                yield return (Number.One, "is not in (0, 1)");
                yield return (Number.Two, "is not in (0, 1)");
                break;
        }
    }

    // Points outside a parameter block's domain (the rest of the block inside it), with the kernel's words.
    private static IEnumerable<(string Name, (Expr Key, Expr Value)[] Values, string Expected)> OffDomain(Model model, ParameterBlock block)
    {
        var e = block.FreeElements[0];
        switch (block.Domain)
        {
            case ParameterDomain.Positive:
                yield return ($"{e} = 0", [(e, Number.Zero)], $"{e} = 0 is not positive");
                yield return ($"{e} = -1", [(e, Number.MinusOne)], $"{e} = -1 is not positive");
                break;
            case ParameterDomain.UnitInterval:
                yield return ($"{e} = 2", [(e, Number.Two)], $"{e} = 2 is not in (0, 1)");
                yield return ($"{e} = 1", [(e, Number.One)], $"{e} = 1 is not in (0, 1)");
                yield return ($"{e} = 0", [(e, Number.Zero)], $"{e} = 0 is not in (0, 1)");
                break;
            case ParameterDomain.Simplex:
            {
                yield return ($"{e} = 2", [(e, Number.Two)], $"{e} = 2 is not in (0, 1)");
                // Every weight of the first row inside (0, 1), but summing to more than 1.
                var row = block.FreeElements.Where(s => s.Indices.Take(s.Indices.Length - 1).SequenceEqual(e.Indices.Take(e.Indices.Length - 1))).ToList();
                var each = Number.Of(new Rational(2, 2 * row.Count - 1) + new Rational(1, 100));
                yield return ($"simplex row of {e} summing to more than 1", [.. row.Select(s => ((Expr)s, (Expr)each))], "which is not positive");
                break;
            }
            case ParameterDomain.PositiveDefinite:
            {
                var n = block.Shape[^1].Size;
                var prefix = e.Indices.Take(e.Indices.Length - 2).ToArray();
                Symbol At(int i, int j) => Symbol.Of(block.Name, prefix.Append(Number.Of(i)).Append(Number.Of(j)).ToArray());
                yield return ($"{At(1, 1)} = -1", [(At(1, 1), Number.MinusOne)], "is not positive definite");
                if (n > 1)
                    yield return ($"{At(1, 2)} = 2 with unit diagonal", [(At(1, 1), Number.One), (At(2, 2), Number.One), (At(1, 2), Number.Two)], "is not positive definite");
                yield return ($"{At(1, 1)} = 0", [(At(1, 1), Number.Zero)], "is not positive definite");
                break;
            }
        }
    }

    // A value inside the domain, for elements a mutation must give in full (a simplex row, a whole covariance).
    private static Expr Inside(Model model, ParameterBlock block, Symbol element) => block.Domain switch
    {
        ParameterDomain.Positive => Number.One,
        ParameterDomain.UnitInterval => Number.Half,
        ParameterDomain.Simplex => Number.Of(new Rational(1, block.Shape[^1].Size)),
        ParameterDomain.PositiveDefinite => element.Indices[^1].Equals(element.Indices[^2]) ? Number.One : Number.Zero,
        _ => Number.Of(new Rational(1, 3)),
    };

    /// <summary>The natural parameter a row names (categorical indices not yet substituted).</summary>
    public static Expr Eta(Model model, WitnessRow row) => model.Factors.Single(f => f.Variable == row.Factor).Elements[row.Element].NaturalParameters[row.Natural];

    /// <summary>
    /// True when row <paramref name="r"/>'s η has a derivative that is a nonzero number at the witness's point in the
    /// column of some parameter: changing that row's weight then breaks yᵀJ = 0.
    /// </summary>
    public static bool RowMoves(Model model, Witness w, int r)
    {
        var row = w.Rows[r];
        var point = new Dictionary<Expr, Expr>(w.Parameters);
        foreach (var (k, v) in w.LatentPoints[row.LatentPoint]) point[k] = v;
        var eta = Eta(model, row);
        var categorical = eta.Symbols().Where(s => model.Factors.Any(f => f.IsCategorical && f.Variable == s.Name)).ToDictionary(s => (Expr)s, s => point[s]);
        if (categorical.Count > 0) eta = Substitution.Substitute(eta, categorical);
        var columns = eta.Symbols().Where(s => model.Parameters.Any(b => b.Name == s.Name)).ToHashSet();
        return SparseGradient.Of(eta, columns).Values.Any(d => Substitution.Substitute(d, point) is Number { IsZero: false });
    }

    /// <summary>
    /// True when some row (at latent point <paramref name="point"/>, or at any point when null) still reads
    /// <paramref name="key"/> — in η or in a derivative — once every other value of the witness is substituted:
    /// removing that value then leaves the witness incomplete (b + z₁z₂z₃ at z₁ = 0 does not read z₃).
    /// </summary>
    public static bool Needed(Model model, Witness w, Expr key, int? point)
    {
        foreach (var row in w.Rows.Where(r => point is null || r.LatentPoint == point))
        {
            var values = new Dictionary<Expr, Expr>(w.Parameters);
            foreach (var (k, v) in w.LatentPoints[row.LatentPoint]) values[k] = v;
            values.Remove(key);
            var eta = Eta(model, row);
            var categorical = eta.Symbols().Where(s => model.Factors.Any(f => f.IsCategorical && f.Variable == s.Name) && values.ContainsKey(s)).ToDictionary(s => (Expr)s, s => values[s]);
            if (categorical.Count > 0) eta = Substitution.Substitute(eta, categorical);
            var columns = eta.Symbols().Where(s => model.Parameters.Any(b => b.Name == s.Name)).ToHashSet();
            if (new[] { eta }.Concat(SparseGradient.Of(eta, columns).Values).Any(e => Substitution.Substitute(e, values).Contains(key))) return true;
        }
        return false;
    }

    // A latent element that some row's η reads at its point, or null.
    private static (int Point, Expr Key)? UsedLatent(Model model, Witness w, Dictionary<Expr, Factor> latentFactor)
    {
        foreach (var row in w.Rows)
        {
            var point = w.LatentPoints[row.LatentPoint];
            if (point.Keys.FirstOrDefault(k => latentFactor.ContainsKey(k) && Needed(model, w, k, row.LatentPoint)) is { } key) return (row.LatentPoint, key);
        }
        return null;
    }

    private static Witness SetLatent(Witness w, int point, Expr key, Expr value) =>
        w with { LatentPoints = w.LatentPoints.SetItem(point, w.LatentPoints[point].SetItem(key, value)) };
}
