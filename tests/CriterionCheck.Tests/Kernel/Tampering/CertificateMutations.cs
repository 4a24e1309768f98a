using System.Collections.Immutable;
using System.Numerics;
using CriterionCheck.Families;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Tests.Kernel.Tampering;

/// <summary>
/// Mutation operators on a genuine "satisfied" certificate. Each operator is applied only where its result is
/// genuinely wrong: a coefficient is perturbed, moved, swapped, dropped or negated only when it is nonzero
/// and its element occurs in the group's natural parameters (so its Jacobian column is nonzero), a swap or
/// a move only between elements whose coefficients differ, a pole only at a point inside the domain, a
/// latent factor only one that is not constant on the support (z·β, never z − z² for a binary z).
/// </summary>
public static class CertificateMutations
{
    /// <summary>The relative perturbations 10^-k tried on coefficients.</summary>
    public static readonly ImmutableArray<int> PerturbationExponents = [.. Enumerable.Range(3, 13)];

    private const string NotProved = "is not proved zero";
    private const string NotFree = "which is not a free element of θ";
    private const string Undefined = "is not shown to be defined on the whole parameter domain";

    /// <summary>Every tampered certificate made from <paramref name="genuine"/>'s certificate.</summary>
    public static IEnumerable<Mutant> Of(GenuineEvidence genuine)
    {
        var model = genuine.Model;
        var certificate = genuine.Certificate ?? throw new ArgumentException($"{genuine.Spec} has no certificate");
        var spec = genuine.Spec;
        var groups = certificate.Groups;
        Mutant M(string family, string name, Certificate c, string expected, int fileExit = 1, string? fileExpected = null) =>
            new(spec, family, name, c, null, expected, null, fileExit, fileExpected);
        Certificate Replace(int g, FactorCertificate group) => new(groups.SetItem(g, group));
        Certificate SetCoefficients(int g, IReadOnlyDictionary<Expr, Expr> coefficients) => Replace(g, groups[g] with { Coefficients = coefficients });

        var relevant = groups.Select(g => Relevant(model, g)).ToList();
        var pairs = relevant.SelectMany((keys, g) => keys.Select(k => (Group: g, Key: k))).ToList();
        if (pairs.Count == 0) throw new InvalidOperationException($"{spec}: no coefficient matters, nothing to tamper with");

        // Relative perturbations 1e-3 … 1e-15, each on another coefficient (round robin), as exact rationals.
        for (var i = 0; i < PerturbationExponents.Length; i++)
        {
            var k = PerturbationExponents[i];
            var (g, key) = pairs[i % pairs.Count];
            var factor = Number.Of(Rational.One + new Rational(BigInteger.One, BigInteger.Pow(10, k)));
            yield return M("perturb", $"perturb 1e-{k} {key}", SetCoefficients(g, With(groups[g].Coefficients, key, groups[g].Coefficients[key] * factor)), NotProved);
        }

        for (var g = 0; g < groups.Length; g++)
        {
            var group = groups[g];
            var keys = relevant[g];
            var label = string.Join("+", group.Factors);
            if (keys.Count == 0) continue;
            var first = keys[0];
            var c = group.Coefficients;

            // Dropped (coefficient 0), sign flipped.
            yield return M("drop", $"drop {first} ({label})", SetCoefficients(g, Without(c, first)), NotProved);
            yield return M("sign-flip", $"sign flip {first} ({label})", SetCoefficients(g, With(c, first, -c[first])), NotProved);

            // Moved to, or swapped with, an element whose coefficient differs.
            if (keys.Skip(1).FirstOrDefault(k => !c[k].Equals(c[first])) is { } other)
            {
                yield return M("move", $"move {first} to {other} ({label})", SetCoefficients(g, With(Without(c, first), other, c[first])), NotProved);
                yield return M("swap", $"swap {first} and {other} ({label})", SetCoefficients(g, With(With(c, first, c[other]), other, c[first])), NotProved);
            }

            // The whole group scaled: J(2β) = 2η and J(−β) = −η differ from η ≠ 0 (the GMM's −2Σ and Σ).
            yield return M("scale", $"scale {label} by 2", SetCoefficients(g, c.ToDictionary(p => p.Key, p => p.Value * Number.Two)), NotProved);
            yield return M("scale", $"scale {label} by -1", SetCoefficients(g, c.ToDictionary(p => p.Key, p => -p.Value)), NotProved);

            // Latent-dependent: times the first latent element (not constant on any support), and for a real
            // latent plus z − z² (zero on no open set).
            var latent = FirstLatent(model);
            if (latent is not null)
                yield return M("latent-dependent", $"{first} times {latent} ({label})", SetCoefficients(g, With(c, first, c[first] * latent)), "depends on the latent variable");
            var real = FirstLatent(model, SupportKind.Real);
            if (real is not null)
                yield return M("latent-dependent", $"{first} plus {real} - {real}^2 ({label})",
                    SetCoefficients(g, With(c, first, c[first] + real - Power.Of(real, Number.Two))), "depends on the latent variable");
            if (FirstOpaque(model, group) is { } opaque)
                yield return M("latent-dependent", $"{first} times {opaque} ({label})", SetCoefficients(g, With(c, first, c[first] * opaque)), "depends on an opaque function");

            // θ: an unknown block, a block the group does not use, a block removed while its coefficients stay.
            yield return M("theta", $"theta names unknown block nope ({label})", Replace(g, group with { Theta = group.Theta.Add("nope") }), "θ names a parameter nope that the model does not have");
            var used = model.Factors.Where(f => group.Factors.Contains(f.Variable)).SelectMany(f => f.Parameters).ToHashSet();
            if (model.Parameters.FirstOrDefault(p => !used.Contains(p.Name)) is { } unused)
                yield return M("theta", $"theta names unused block {unused.Name} ({label})", Replace(g, group with { Theta = group.Theta.Add(unused.Name) }), $"θ names {unused.Name}, which no factor of the group");
            var blockOfFirst = BlockOf(model, first);
            yield return M("theta", $"theta without {blockOfFirst.Name} ({label})", Replace(g, group with { Theta = group.Theta.Remove(blockOfFirst.Name) }), NotFree);

            // A coefficient with an unknown symbol (in the file: a name the spec does not have).
            yield return M("unknown-name", $"{first} times unknown nope ({label})", SetCoefficients(g, With(c, first, c[first] * Symbol.Of("nope"))),
                "uses nope, which is not a free parameter element", 2, "'nope' is not a parameter, variable or size");

            // Poles inside the domain: β + (t² − a²)/((t − a)(t + a)) − 1 equals β except at t = a, where it is
            // undefined (added, not multiplied, so that no factor t − a of β can cancel the pole).
            if (PoleVariable(model, first) is { } pole)
            {
                var (t, a) = pole;
                var factor = (Power.Of(t, Number.Two) - Power.Of(a, Number.Two)) * Power.Of(t - a, Number.MinusOne) * Power.Of(t + a, Number.MinusOne);
                yield return M("pole", $"{first} with a pole at {t} = {a} ({label})", SetCoefficients(g, With(c, first, c[first] + factor - Number.One)), Undefined);
            }
            if (model.Parameters.Where(p => p.Domain == ParameterDomain.Real).SelectMany(p => p.FreeElements).FirstOrDefault() is { } realParameter)
                yield return M("pole", $"{first} plus log({realParameter}) - log(abs({realParameter})) ({label})",
                    SetCoefficients(g, With(c, first, c[first] + FunctionCall.Log(realParameter) - FunctionCall.Log(FunctionCall.Abs(realParameter)))), Undefined);

            // Keys that are not free elements of θ.
            foreach (var mutant in NotFreeKeys(model, spec, groups, g, first)) yield return mutant;

            // A tied group split into one group per factor, each with its own copy of the shared coefficients.
            if (group.Factors.Length > 1)
            {
                var split = group.Factors.Select(f =>
                {
                    var blocks = model.Factors.Single(x => x.Variable == f).Parameters.Where(group.Theta.Contains).ToImmutableArray();
                    return new FactorCertificate([f], blocks, c.Where(p => blocks.Contains(BlockOf(model, p.Key).Name)).ToDictionary(p => p.Key, p => p.Value));
                });
                yield return M("split-tied", $"split {label} into one group per factor", new Certificate([.. groups.Take(g), .. split, .. groups.Skip(g + 1)]),
                    "which the certificate puts in different groups");
            }

            // The categorical prior's α = π_k (log π_k + H[π]) with a wrong entropy H.
            foreach (var mutant in WrongEntropy(model, spec, groups, g)) yield return mutant;
        }

        // Coverage: a group missing, a factor that does not exist, a factor covered twice.
        yield return M("coverage", $"missing group {string.Join("+", groups[^1].Factors)}", new Certificate(groups.RemoveAt(groups.Length - 1)), "must be covered by exactly one group, not 0");
        if (groups.Length > 1)
            yield return M("coverage", $"missing group {string.Join("+", groups[0].Factors)}", new Certificate(groups.RemoveAt(0)), "must be covered by exactly one group, not 0");
        yield return M("coverage", "no groups at all", new Certificate([]), "must be covered by exactly one group, not 0");
        yield return M("coverage", "extra group for a factor ghost", new Certificate(groups.Add(new FactorCertificate(["ghost"], [], new Dictionary<Expr, Expr>()))),
            "names a factor ghost that the model does not have");
        yield return M("coverage", "factor ghost added to a group", Replace(0, groups[0] with { Factors = groups[0].Factors.Add("ghost") }), "names a factor ghost that the model does not have");
        yield return M("coverage", $"group {string.Join("+", groups[0].Factors)} twice", new Certificate(groups.Add(groups[0])), "must be covered by exactly one group, not 2");
        yield return M("coverage", $"factor {groups[^1].Factors[0]} named twice in its group",
            Replace(groups.Length - 1, groups[^1] with { Factors = groups[^1].Factors.Add(groups[^1].Factors[0]) }), "must be covered by exactly one group, not 2");
    }

    private static IEnumerable<Mutant> NotFreeKeys(Model model, string spec, ImmutableArray<FactorCertificate> groups, int g, Expr first)
    {
        var group = groups[g];
        var label = string.Join("+", group.Factors);
        var value = group.Coefficients[first];
        Mutant Key(string name, Expr key, int fileExit = 1, string? fileExpected = null) =>
            new(spec, "key-not-free", $"{name} ({label})", new Certificate(groups.SetItem(g, group with { Coefficients = With(group.Coefficients, key, value) })), null,
                $"a coefficient for {key}, which is not a free element", null, fileExit, fileExpected ?? "which is not a free element");

        foreach (var block in group.Theta.Select(model.Parameter))
        {
            if (block.Domain == ParameterDomain.Simplex)
                // The last weight is 1 − Σ others; in a file it reads as that sum, still not a free element.
                yield return Key($"last simplex weight {block.Name}", Symbol.Of(block.Name, [.. block.Indices[0].SkipLast(1).Append(block.Shape[^1].Size)]));
            if (block.Domain == ParameterDomain.PositiveDefinite && block.Shape[^1].Size > 1)
            {
                // A lower-triangle entry; in a file it reads as its upper twin, which already has a coefficient.
                var lower = Symbol.Of(block.Name, [.. block.Indices[0].SkipLast(2), 2, 1]);
                yield return Key($"lower-triangle entry {lower}", lower, 2, "a second coefficient for " + lower);
            }
        }
        var blockOfFirst = BlockOf(model, first);
        if (!blockOfFirst.Shape.IsEmpty && first is Symbol { Indices.IsEmpty: false })
        {
            yield return Key($"whole block {blockOfFirst.Name}", Symbol.Of(blockOfFirst.Name));
            yield return Key($"element {blockOfFirst.Name}[99,…] out of range", Symbol.Of(blockOfFirst.Name, [.. blockOfFirst.Shape.Select(_ => 99)]), 2, "must be a whole number in 1..");
        }
        yield return Key("observable element", model.Observable.Elements[0].Variable[0]);
        if (FirstLatent(model) is { } latent) yield return Key($"latent element {latent}", latent);
    }

    private static IEnumerable<Mutant> WrongEntropy(Model model, string spec, ImmutableArray<FactorCertificate> groups, int g)
    {
        var group = groups[g];
        if (!model.Factors.Any(f => group.Factors.Contains(f.Variable) && f.IsCategorical && f.Role != FactorRole.Observable)) yield break;
        var rows = model.Assumptions.Simplices.Where(r => r.All(w => group.Coefficients.ContainsKey(w))).ToList();
        if (rows.Count == 0) yield break;
        var variants = new (string Name, Func<Expr, Expr, Expr, Expr, Expr> Alpha)[]
        {
            // (β, π_k, H, π_C log π_C) → the wrong α_k.
            ("H without the last weight's term", (beta, p, h, lastTerm) => beta + p * lastTerm),
            ("H negated", (beta, p, h, lastTerm) => beta - Number.Two * p * h),
            ("H = 0", (beta, p, h, lastTerm) => p * FunctionCall.Log(p)),
        };
        foreach (var (name, alpha) in variants)
        {
            var coefficients = new Dictionary<Expr, Expr>(group.Coefficients);
            foreach (var row in rows)
            {
                var last = Number.One - Sum.Of(row);
                var lastTerm = last * FunctionCall.Log(last);
                var entropy = -Sum.Of(row.Select(w => (Expr)(w * FunctionCall.Log(w)))) - lastTerm;
                foreach (var w in row) coefficients[w] = alpha(group.Coefficients[w], w, entropy, lastTerm);
            }
            yield return new Mutant(spec, "categorical-entropy", $"categorical α with {name} ({string.Join("+", group.Factors)})",
                new Certificate(groups.SetItem(g, group with { Coefficients = coefficients })), null, NotProved);
        }
    }

    /// <summary>
    /// The keys of <paramref name="group"/> whose coefficient is nonzero and whose element occurs in the group's
    /// natural parameters (a whole-block key: the block occurs), in canonical order: changing one of them changes Jβ.
    /// </summary>
    public static List<Expr> Relevant(Model model, FactorCertificate group)
    {
        var etas = model.Factors.Where(f => group.Factors.Contains(f.Variable)).SelectMany(f => f.Elements).SelectMany(e => e.NaturalParameters).SelectMany(e => Instances(model, e));
        var symbols = etas.SelectMany(e => e.Symbols()).ToHashSet();
        return [.. group.Coefficients.Where(p => !p.Value.IsZero && p.Key is Symbol s && symbols.Contains(s)).Select(p => p.Key).Order(ExprOrder.Instance)];
    }

    /// <summary>
    /// <paramref name="eta"/> at every combination of values of the categorical latents it reads (mu[c, d] is
    /// mu[1, d], mu[2, d], …), as the kernel checks it; <paramref name="eta"/> itself when it reads none.
    /// </summary>
    public static IEnumerable<Expr> Instances(Model model, Expr eta)
    {
        var categorical = eta.Symbols().Where(s => model.Factors.Any(f => f.IsCategorical && f.Variable == s.Name)).ToList();
        IEnumerable<Dictionary<Expr, Expr>> assignments = [[]];
        foreach (var c in categorical)
        {
            var size = model.Factors.Single(f => f.Variable == c.Name).Family.Support.Size;
            assignments = assignments.SelectMany(a => Enumerable.Range(1, size).Select(k => new Dictionary<Expr, Expr>(a) { [c] = Number.Of(k) }));
        }
        return categorical.Count == 0 ? [eta] : assignments.Select(a => Substitution.Substitute(eta, a));
    }

    /// <summary>The parameter block of a coefficient key.</summary>
    public static ParameterBlock BlockOf(Model model, Expr key) => model.Parameter(((Symbol)key).Name);

    /// <summary>The first element of the first latent factor (of <paramref name="kind"/>, when given), or null.</summary>
    public static Symbol? FirstLatent(Model model, SupportKind? kind = null) =>
        model.Factors.Where(f => f.Role != FactorRole.Observable && (kind is null || f.Family.Support.Kind == kind)).Select(f => f.Elements[0].Variable[0]).FirstOrDefault();

    private static OpaqueCall? FirstOpaque(Model model, FactorCertificate group) =>
        model.Factors.Where(f => group.Factors.Contains(f.Variable)).SelectMany(f => f.Elements).SelectMany(e => e.NaturalParameters)
            .Select(FindOpaque).FirstOrDefault(o => o is not null);

    private static OpaqueCall? FindOpaque(Expr e) => e as OpaqueCall ?? e.Children.Select(FindOpaque).FirstOrDefault(o => o is not null);

    // A parameter element t and a value a inside its domain: the key itself when it can be 1 (or 1/2), else any such element.
    private static (Symbol T, Number A)? PoleVariable(Model model, Expr key)
    {
        static Number? Inside(ParameterBlock block, Symbol element) => block.Domain switch
        {
            ParameterDomain.Real or ParameterDomain.Positive => Number.One,
            ParameterDomain.UnitInterval or ParameterDomain.Simplex => Number.Half,
            ParameterDomain.PositiveDefinite when element.Indices[^1].Equals(element.Indices[^2]) => Number.One,
            _ => null,
        };
        var candidates = new[] { (Symbol)key }.Concat(model.Parameters.SelectMany(p => p.FreeElements));
        foreach (var t in candidates)
            if (Inside(model.Parameter(t.Name), t) is { } a && !t.Indices.IsEmpty == !model.Parameter(t.Name).Shape.IsEmpty) return (t, a);
        return null;
    }

    private static Dictionary<Expr, Expr> With(IReadOnlyDictionary<Expr, Expr> c, Expr key, Expr value) => new(c) { [key] = value };

    private static Dictionary<Expr, Expr> Without(IReadOnlyDictionary<Expr, Expr> c, Expr key)
    {
        var copy = new Dictionary<Expr, Expr>(c);
        copy.Remove(key);
        return copy;
    }
}
