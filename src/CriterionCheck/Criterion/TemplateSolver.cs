using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Kernel;
using CriterionCheck.Models;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.ZeroTesting;

namespace CriterionCheck.Criterion;

/// <summary>
/// A certificate for every size, from the one found at concrete sizes. Each group's coefficients are
/// lifted to index templates: the coefficient of one element whose indices are pairwise distinct
/// (W[3,2]) has those index values replaced by index names where they index the same axes (W[d,h]);
/// the template must rebuild the coefficient of every element exactly, or nothing is lifted. A
/// categorical factor gets the family's α in closed form with the entropy summed over the symbolic
/// number of categories. The template kernel then proves the template for all sizes.
/// </summary>
public static class TemplateSolver
{
    /// <summary>The outcome: a certificate the template kernel proved, or the reason there is none.</summary>
    public sealed record Outcome(Certificate? Certificate, KernelResult? Kernel, string? Problem);

    /// <summary>Lifts <paramref name="concrete"/> (a satisfied result at <paramref name="model"/>'s sizes) to every size.</summary>
    public static Outcome Solve(Model model, CriterionResult concrete)
    {
        if (model.Template is null) return new Outcome(null, null, model.TemplateProblem);
        if (concrete.Certificate is not { } certificate) return new Outcome(null, null, "there is no certificate at concrete sizes to lift");
        var prover = new ResidualProver(model, model.Template.Assumptions);
        var groups = new List<FactorCertificate>();
        KernelResult? kernel = null;
        foreach (var group in certificate.Groups)
        {
            var candidates = new List<FactorCertificate>();
            if (CategoricalAlpha(model, group) is { } closed) candidates.Add(closed);
            if (Lift(model, group) is { } lifted) candidates.Add(lifted);
            if (LiftWithEntropies(model, group) is { } withEntropies) candidates.Add(withEntropies);
            var problem = $"{string.Join(", ", group.Factors)}: the coefficients found at concrete sizes do not lift to index templates";
            KernelResult? accepted = null;
            foreach (var candidate in candidates)
            {
                var result = TemplateKernel.CheckGroup(model, candidate, prover);
                if (result.Accepted) { accepted = result; groups.Add(candidate); break; }
                problem = $"{string.Join(", ", group.Factors)}: {result.Problems[0]}";
            }
            if (accepted is null) return new Outcome(null, null, problem);
            kernel = kernel is null ? accepted : kernel.And(accepted);
        }
        var all = new Certificate([.. groups]);
        var structure = CertificateKernel.StructureProblems(model, all);
        return structure.Count > 0 ? new Outcome(null, null, structure[0]) : new Outcome(all, kernel, null);
    }

    // α_k = p_k (log p_k + H[p]), H[p] = −Σ_{j=1}^{K} p_j log p_j, for Categorical(π) or Categorical(T[c]).
    private static FactorCertificate? CategoricalAlpha(Model model, FactorCertificate group)
    {
        if (group.Factors.Length != 1) return null;
        var factor = model.Factors.Single(f => f.Variable == group.Factors[0]);
        if (factor.Family.Support.Kind != SupportKind.Categorical || factor.Parameters.Length != 1 || !group.Theta.SequenceEqual(factor.Parameters)) return null;
        var block = model.Parameter(factor.Parameters[0]);
        if (block.Domain != ParameterDomain.Simplex) return null;
        // The slice's lead indices are categorical parents (T[c]) or none (pi).
        var lead = factor.Parents.Where(p => model.Factors.Single(f => f.Variable == p).IsCategorical).Select(p => (Expr)Symbol.Of(p)).ToList();
        if (lead.Count != block.Shape.Length - 1) return null;
        var size = Symbol.Of(block.Shape[^1].Name);
        var k = Symbol.Of(IndexName(block.Shape[^1].Name, [.. lead.OfType<Symbol>().Select(s => s.Name), .. Names(model)]));
        var j = IndexedSum.Temporary();
        Expr Weight(Expr i) => Symbol.Of(block.Name, lead.Append(i).ToImmutableArray());
        var last = SimplexTemplates.LastWeight(block.Name, lead, size);
        var entropy = -IndexedSum.Of(j, size - Number.One, Weight(j) * FunctionCall.Log(Weight(j)), "j") - last * FunctionCall.Log(last);
        var alpha = Weight(k) * (FunctionCall.Log(Weight(k)) + entropy);
        return new FactorCertificate(group.Factors, group.Theta,
            new Dictionary<Expr, Expr> { [Symbol.Of(block.Name, lead.Append(k).ToImmutableArray())] = alpha });
    }

    // Each block of θ: the template that rebuilds every element's coefficient, or null.
    private static FactorCertificate? Lift(Model model, FactorCertificate group)
    {
        var lifted = new Dictionary<Expr, Expr>();
        foreach (var name in group.Theta)
        {
            var block = model.Parameter(name);
            if (block.Shape.IsEmpty)
            {
                if (group.Coefficients.TryGetValue(Symbol.Of(name), out var scalar)) lifted[Symbol.Of(name)] = scalar;
                continue;
            }
            if (group.Coefficients.ContainsKey(Symbol.Of(name))) return null; // a whole block's direction: no template here
            var elements = block.FreeElements;
            if (!elements.Any(group.Coefficients.ContainsKey)) continue; // every coefficient 0
            var names = new List<string>();
            foreach (var axis in block.Shape) names.Add(IndexName(axis.Name, names.Concat(Names(model))));
            var indices = names.Select(n => Symbol.Of(n)).ToImmutableArray();
            // The generic element has pairwise distinct indices where it can; at small sizes (Sigma[C, D, D] with
            // C = D = 2) none has, and a repeated value is ambiguous, so the few most generic ones are tried in turn.
            var zero = new ZeroTest(model.Assumptions);
            Expr? found = null;
            foreach (var generic in elements.OrderByDescending(e => (e.Indices.Distinct().Count(), e.Indices.Sum(i => (int)((Number)i).Value.Numerator))).Take(4))
            {
                var template = Generalize(model, block, generic, group.Coefficients.GetValueOrDefault(generic, Number.Zero), indices);
                if (elements.All(element =>
                    {
                        var instance = Substitution.Substitute(template, indices.Select((s, i) => (s, i)).ToDictionary(p => (Expr)p.s, p => element.Indices[p.i]));
                        var expected = group.Coefficients.GetValueOrDefault(element, Number.Zero);
                        return instance.Equals(expected) || zero.Prove(instance - expected);
                    }))
                {
                    found = template;
                    break;
                }
            }
            if (found is null) return null;
            lifted[Symbol.Of(name, indices.Cast<Expr>().ToImmutableArray())] = found;
        }
        return new FactorCertificate(group.Factors, group.Theta, lifted);
    }

    // Coefficients that carry a simplex's entropy H[w] = −Σ_k w_k log w_k, with the last weight written
    // out (1 − w_1 − … at concrete sizes), lift once H is named: log w_C is eliminated in favour of an
    // atom H, each coefficient is simplified, the lift runs with H as an atom, and H becomes its template
    // −Σ_{k<C} w_k log w_k − w_C log w_C for every size. Only unindexed simplex vectors (w[C]).
    private static FactorCertificate? LiftWithEntropies(Model model, FactorCertificate group)
    {
        var normalizer = new Symbolics.Normalization.Normalizer(model.Assumptions);
        var coefficients = group.Coefficients.ToDictionary(p => p.Key, p => p.Value);
        var entropies = new Dictionary<Symbol, Expr>();
        foreach (var block in model.Parameters.Where(p => p.Domain == ParameterDomain.Simplex && p.Shape.Length == 1))
        {
            var free = block.FreeElements.Cast<Expr>().ToList();
            var last = normalizer.Apply(Number.One - Sum.Of(free));
            var logLast = normalizer.Apply(FunctionCall.Log(last));
            if (!coefficients.Values.Any(c => c.Contains(logLast))) continue;
            var h = Symbol.Of($"H~{block.Name}");
            var eliminated = (-h - Sum.Of(free.Select(w => w * FunctionCall.Log(w)))) / last;
            foreach (var key in coefficients.Keys.ToList())
            {
                var rewritten = Symbolics.Normalization.Simplifier.Simplify(Substitution.Substitute(coefficients[key], logLast, eliminated), model.Assumptions);
                if (rewritten.Contains(logLast)) return null;
                coefficients[key] = rewritten;
            }
            var size = Symbol.Of(block.Shape[^1].Name);
            var j = IndexedSum.Temporary();
            var lastTemplate = SimplexTemplates.LastWeight(block.Name, [], size);
            entropies[h] = -IndexedSum.Of(j, size - Number.One, Symbol.Of(block.Name, j) * FunctionCall.Log(Symbol.Of(block.Name, j)), "j") - lastTemplate * FunctionCall.Log(lastTemplate);
        }
        if (entropies.Count == 0 || Lift(model, new FactorCertificate(group.Factors, group.Theta, coefficients)) is not { } lifted) return null;
        return new FactorCertificate(group.Factors, group.Theta,
            lifted.Coefficients.ToDictionary(p => p.Key, p => Substitution.Substitute(p.Value, entropies.ToDictionary(e => (Expr)e.Key, e => e.Value))));
    }

    // The generic element's index values, where they index an axis of the same size, become index names.
    private static Expr Generalize(Model model, ParameterBlock block, Symbol generic, Expr coefficient, ImmutableArray<Symbol> indices) =>
        Rewrite.BottomUp(coefficient, node =>
        {
            if (node is not Symbol { Indices.Length: > 0 } s || AxesOf(model, s.Name) is not { } axes || axes.Count != s.Indices.Length) return node;
            var changed = s.Indices.Select((value, j) =>
            {
                for (var l = 0; l < generic.Indices.Length; l++)
                    if (value.Equals(generic.Indices[l]) && axes[j] == block.Shape[l].Name) return indices[l];
                return value;
            }).ToImmutableArray();
            return Symbol.Of(s.Name, changed);
        });

    private static List<string>? AxesOf(Model model, string name)
    {
        if (model.Parameters.FirstOrDefault(p => p.Name == name) is { } block) return [.. block.Shape.Select(d => d.Name)];
        if (model.Factors.FirstOrDefault(f => f.Variable == name) is { } factor) return [.. factor.Axes.Select(a => a.Dimension.Name)];
        return null;
    }

    // Every name a spec declares: an index name must differ from all of them.
    // A categorical latent's name is free: an index over its categories is naturally called so (pi[c]).
    private static IEnumerable<string> Names(Model model) =>
        model.Parameters.Select(p => p.Name).Concat(model.Dimensions.Select(d => d.Name))
            .Concat(model.Factors.Where(f => !f.IsCategorical).Select(f => f.Variable)).Concat(model.Functions.Select(f => f.Name));

    // A readable index name for an axis of size H: h, or h2, h3 when taken.
    private static string IndexName(string size, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var stem = size.ToLowerInvariant();
        if (stem.Length == 0 || !char.IsLetter(stem[0])) stem = "i" + stem;
        var name = stem;
        // "e" and "pi" would read back as constants, "log" as a function.
        for (var n = 2; used.Contains(name) || string.Equals(name, size, StringComparison.Ordinal) || Symbolics.Parsing.Lowering.IsReservedName(name); n++) name = stem + n;
        return name;
    }
}
