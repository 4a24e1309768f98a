using System.Collections.Immutable;
using CriterionCheck.Models;
using CriterionCheck.Symbolics.Calculus;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;

namespace CriterionCheck.Kernel;

/// <summary>
/// The kernel's check of a certificate for every size. Its coefficients are index templates —
/// β_W[d,h] = W[d,h], α_π[h] = π[h](1 − π[h]) logit π[h], β_σ² = −σ² — and the model is its
/// <see cref="TemplateModel"/>, whose sizes are symbols. Besides the checks
/// <see cref="CertificateKernel"/> makes (coverage, closure under shared parameters, θ, latent-free and
/// everywhere-defined coefficients), a key must name a whole block with distinct index names, and a
/// coefficient may use only parameters, sizes and the indices its key binds. Then for every natural
/// parameter template η of the group, the residual η − Jβ is proved identically zero, where Jβ is
/// the directional derivative d/dt η(Θ + tβ) at t = 0: every occurrence B[e…] of a block of θ is
/// replaced by B[e…] + t·β_B(e…) and η is differentiated in t — no Jacobian, no element list, and a
/// proof that does not depend on the sizes. Sums over symbolic ranges are atoms of the normal form,
/// canonical up to renaming of their bound index; the proof rule is the same as at concrete sizes.
/// </summary>
public static class TemplateKernel
{
    private static readonly Symbol T = Symbol.Of("#dt");

    /// <summary>
    /// True when <paramref name="certificate"/> is written for all sizes: a key names a block by index
    /// names (W[d,h]), or every key is a block without axes. A certificate keyed by elements (W[2,1])
    /// is for the model's concrete sizes.
    /// </summary>
    public static bool IsTemplate(Model model, Certificate certificate)
    {
        var keys = certificate.Groups.SelectMany(g => g.Coefficients.Keys).OfType<Symbol>().ToList();
        return keys.Any(k => k.Indices.Any(i => i is not Number)) || keys.All(k => k.Indices.IsEmpty);
    }

    /// <summary>Checks a "satisfied" certificate for every size.</summary>
    public static KernelResult Check(Model model, Certificate certificate)
    {
        if (model.Template is null) return KernelResult.Rejected([$"the model has no template for all sizes: {model.TemplateProblem}"]);
        var problems = CertificateKernel.StructureProblems(model, certificate);
        if (problems.Count > 0) return KernelResult.Rejected(problems);
        var prover = new ResidualProver(model, model.Template.Assumptions);
        var result = new KernelResult(true, [], ProofCounts.None);
        foreach (var group in certificate.Groups) result = result.And(CheckGroup(model, group, prover));
        return result;
    }

    /// <summary>Checks one group's template solution (its coverage of the model is not checked here).</summary>
    public static KernelResult CheckGroup(Model model, FactorCertificate group, ResidualProver prover)
    {
        var template = model.Template ?? throw new ArgumentException("the model has no template", nameof(model));
        var problems = new List<string>();
        var factors = new List<Factor>();
        foreach (var name in group.Factors)
        {
            if (model.Factors.FirstOrDefault(f => f.Variable == name) is not { } factor) problems.Add($"the certificate names a factor {name} that the model does not have");
            else if (factors.Contains(factor)) problems.Add($"the group names factor {name} twice");
            else factors.Add(factor);
        }
        if (problems.Count > 0) return KernelResult.Rejected(problems);

        var used = factors.SelectMany(f => f.Parameters).ToHashSet(StringComparer.Ordinal);
        var etas = factors.SelectMany(f => template.Factor(f.Variable).NaturalParameters).ToList();
        var wholeBlocks = etas.SelectMany(e => e.Symbols()).Where(s => s.Indices.IsEmpty && model.Parameters.Any(p => p.Name == s.Name && !p.Shape.IsEmpty))
            .Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in group.Theta)
        {
            if (model.Parameters.All(p => p.Name != name)) problems.Add($"θ names a parameter {name} that the model does not have");
            else if (!used.Contains(name)) problems.Add($"θ names {name}, which no factor of the group ({string.Join(", ", group.Factors)}) uses");
        }
        if (group.Theta.Distinct().Count() != group.Theta.Length) problems.Add("θ names a parameter twice");

        var sizes = model.Dimensions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var blocks = model.Parameters.ToDictionary(p => p.Name);
        var bounds = new Bounds(template.Assumptions);
        // Block → (its key's index names, its coefficient template).
        var templates = new Dictionary<string, (ImmutableArray<Symbol> Indices, Expr Value)>(StringComparer.Ordinal);
        foreach (var (key, coefficient) in group.Coefficients)
        {
            if (key is not Symbol k || !blocks.TryGetValue(k.Name, out var block)) { problems.Add($"a coefficient for {key}, which is not a parameter block"); continue; }
            if (!group.Theta.Contains(k.Name)) { problems.Add($"a coefficient for {key}, whose block is not in θ = {{{string.Join(", ", group.Theta)}}}"); continue; }
            var whole = k.Indices.IsEmpty && !block.Shape.IsEmpty;
            if (whole && !wholeBlocks.Contains(k.Name)) { problems.Add($"a coefficient for the whole block {k.Name}, which no opaque function of the group takes; key it by index names, as {block.Name}[{string.Join(",", block.Shape.Select(d => d.Name.ToLowerInvariant()))}]"); continue; }
            if (!whole && wholeBlocks.Contains(k.Name)) { problems.Add($"the key {key} names elements of {k.Name}, which an opaque function of the group takes whole; key its coefficient as the whole block, {k.Name}"); continue; }
            if (!whole && k.Indices.Length != block.Shape.Length) { problems.Add($"the key {key} has {k.Indices.Length} indices, but {block.Declaration} has {block.Shape.Length}"); continue; }
            var indexNames = k.Indices.OfType<Symbol>().ToImmutableArray();
            if (indexNames.Length != k.Indices.Length || indexNames.Any(i => !i.Indices.IsEmpty || sizes.Contains(i.Name) || blocks.ContainsKey(i.Name) || IndexedSum.IsBound(i)))
            {
                problems.Add($"the key {key} must name each index of {block.Name} (as {block.Name}[{string.Join(",", block.Shape.Select(d => d.Name.ToLowerInvariant()))}]), not give values: a certificate for every size covers every element at once");
                continue;
            }
            if (indexNames.Distinct().Count() != indexNames.Length) { problems.Add($"the key {key} names an index twice"); continue; }
            if (templates.ContainsKey(k.Name)) { problems.Add($"two coefficients for the block {k.Name}"); continue; }
            if (ContainsOpaque(coefficient)) { problems.Add($"the coefficient of {key}, {CertificateKernel.Short(coefficient)}, depends on an opaque function, hence on latent variables"); continue; }
            var stray = coefficient.Symbols().FirstOrDefault(s =>
                !(blocks.TryGetValue(s.Name, out var b) && (s.Indices.Length == b.Shape.Length || whole && s.Equals(k)))
                && !sizes.Contains(s.Name) && !indexNames.Contains(s));
            if (stray is not null)
            {
                problems.Add(model.Factors.Any(f => f.Variable == stray.Name)
                    ? $"the coefficient of {key}, {CertificateKernel.Short(coefficient)}, depends on the latent variable {stray}"
                    : $"the coefficient of {key}, {CertificateKernel.Short(coefficient)}, uses {stray}, which is neither a parameter, a size nor an index its key binds");
                continue;
            }
            var ranges = indexNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => AxisRange(block, p.i));
            if (IndexProblem(coefficient, ranges, blocks, template.Assumptions) is { } badIndex)
            {
                problems.Add($"the coefficient of {key}, {CertificateKernel.Short(coefficient)}, {badIndex}");
                continue;
            }
            if (Definedness.Problem(coefficient, bounds) is { } undefined)
            {
                problems.Add($"the coefficient of {key}, {CertificateKernel.Short(coefficient)}, is not shown to be defined on the whole parameter domain: {undefined}");
                continue;
            }
            templates[k.Name] = (indexNames, coefficient);
        }
        if (problems.Count > 0) return KernelResult.Rejected(problems);

        var proofs = ProofCounts.None;
        foreach (var factor in factors)
        {
            var tf = template.Factor(factor.Variable);
            // The template must name simplex weights by free indices only (the builder ensures it; the kernel does not trust it).
            var ranges = tf.Indices.ToDictionary(i => i.Index, i => i.Upper);
            var dependentWeight = tf.NaturalParameters.Select(eta => SimplexTemplates.FreeWeightProblem(eta, ranges, template.Assumptions.SimplexBlocks)).FirstOrDefault(p => p is not null);
            if (dependentWeight is not null) { problems.Add($"{Where(tf)}: {dependentWeight}"); continue; }
            for (var n = 0; n < tf.NaturalParameters.Length; n++)
            {
                var eta = tf.NaturalParameters[n];
                var shifted = Rewrite.BottomUp(eta, node => node is Symbol s && templates.TryGetValue(s.Name, out var c)
                    && (s.Indices.Length == c.Indices.Length) ? s + T * Instantiate(c.Indices, c.Value, s.Indices) : node);
                var derivative = Substitution.Substitute(Differentiator.Differentiate(shifted, T), T, Number.Zero);
                var residual = derivative.Equals(eta) ? Number.Zero : eta - derivative;
                if (prover.Prove(residual, out var cases) is { } method) proofs = proofs.With(method, cases);
                else problems.Add($"{Where(tf)}, natural parameter {n + 1}: η − Jβ = {CertificateKernel.Short(residual)} is not proved zero for every size");
            }
            if (tf.Matrix is { } matrix)
            {
                var (direction, problem) = Directions(model, templates, matrix);
                if (problem is not null) { problems.Add($"{Where(tf)}: {problem}"); continue; }
                var zero = new Symbolics.ZeroTesting.ZeroTest(template.Assumptions);
                for (var n = 0; n < matrix.Naturals.Length; n++)
                {
                    var residual = matrix.Naturals[n] - matrix.Naturals[n].Derivative(direction!);
                    if (residual.IsZero(zero)) proofs = proofs.With(ProofMethod.NormalForm, 1);
                    else problems.Add($"{Where(tf)}, natural parameter {n + 1}: η − Jβ = {residual} is not proved zero for every dimension");
                }
            }
        }
        return new KernelResult(problems.Count == 0, [.. problems], proofs);
    }

    // The range of a block's axis at every size: its size, or size − 1 for a simplex's free weights.
    private static Expr AxisRange(ParameterBlock block, int axis)
    {
        var size = Symbol.Of(block.Shape[axis].Name);
        return block.Domain == Families.ParameterDomain.Simplex && axis == block.Shape.Length - 1 ? size - Number.One : size;
    }

    // Every element a coefficient reads must exist at every size: each index is an index its key binds or
    // one bound by a sum, running over exactly the range of the axis it indexes (W[d,h] with d over D),
    // and every sum runs over 1..a size (or 1..C − 1 over a simplex's free weights). Fixed positions
    // (lambda[1]) and index arithmetic (lambda[H + 1]) are refused: they exist at some sizes only.
    private static string? IndexProblem(Expr e, Dictionary<Symbol, Expr> ranges, Dictionary<string, ParameterBlock> blocks, DomainAssumptions assumptions)
    {
        switch (e)
        {
            case IndexedSum sum:
            {
                var upper = sum.Upper;
                var allowed = upper is Symbol { Indices.IsEmpty: true } u && assumptions.Sizes.Contains(u.Name)
                    || assumptions.SimplexBlocks.Values.Any(size => upper.Equals(size - Number.One));
                if (!allowed) return $"sums over 1..{upper}, which is not a size of the model (nor a simplex's free weights, 1..C − 1)";
                var inner = new Dictionary<Symbol, Expr>(ranges) { [sum.Index] = upper };
                return IndexProblem(sum.Body, inner, blocks, assumptions);
            }
            case Symbol { Indices.IsEmpty: false } s when blocks.TryGetValue(s.Name, out var block):
                for (var i = 0; i < s.Indices.Length; i++)
                {
                    var range = AxisRange(block, i);
                    if (s.Indices[i] is not Symbol index || !ranges.TryGetValue(index, out var runs))
                        return $"reads {s}, whose index {s.Indices[i]} is neither an index its key binds nor one a sum binds, so the element may not exist at every size";
                    if (!runs.Equals(range)) return $"reads {s}, whose index {index} runs over 1..{runs} but indexes an axis of {block.Name} over 1..{range}";
                }
                return null;
            default:
                foreach (var c in e.Children) if (IndexProblem(c, ranges, blocks, assumptions) is { } problem) return problem;
                return null;
        }
    }

    // A multivariate normal's directions: the coefficient of Σ[c,i,j] must be s·Σ[c,i,j] (s free of i, j),
    // and that of μ[c,i] r·μ[c,i] — then the direction is the matrix s·Σ[c] (r·μ[c]) and the proof runs on
    // matrices (Σ⁻¹Σ = I, d(Σ⁻¹) = −Σ⁻¹ dΣ Σ⁻¹) at every dimension.
    private static (Func<Symbolics.Matrices.MatrixAtom, Symbolics.Matrices.MatrixPolynomial?>? Direction, string? Problem) Directions(Model model,
        Dictionary<string, (ImmutableArray<Symbol> Indices, Expr Value)> templates, MatrixNaturals matrix)
    {
        var scales = new Dictionary<string, (ImmutableArray<Symbol> Lead, Expr Scale)>(StringComparer.Ordinal);
        foreach (var (atom, axes) in new[] { (matrix.Covariance, 2), (matrix.Mean, 1) })
        {
            if (!templates.TryGetValue(atom.Name, out var c)) continue;
            if (c.Indices.Length < axes) return (null, $"the coefficient of {atom.Name} must be keyed by its indices");
            var element = Symbol.Of(atom.Name, c.Indices.Cast<Expr>().ToImmutableArray());
            var scale = Symbolics.Normalization.Simplifier.Simplify(c.Value / element);
            var own = c.Indices.Skip(c.Indices.Length - axes);
            // A covariance is symmetric: s·Σ[c,j,i] is the same coefficient as s·Σ[c,i,j].
            if (axes == 2 && (own.Any(scale.Contains) || scale.Symbols().Any(s => s.Name == atom.Name)))
            {
                var swapped = c.Indices.Take(c.Indices.Length - 2).Append(c.Indices[^1]).Append(c.Indices[^2]).Cast<Expr>().ToImmutableArray();
                var transposed = Symbolics.Normalization.Simplifier.Simplify(c.Value / Symbol.Of(atom.Name, swapped));
                if (!own.Any(transposed.Contains) && !transposed.Symbols().Any(s => s.Name == atom.Name)) scale = transposed;
            }
            if (own.Any(scale.Contains) || scale.Symbols().Any(s => s.Name == atom.Name))
                return (null, $"the coefficient of {element}, {c.Value}, is not a multiple of {element}; the kernel proves a multivariate normal's coefficients at every dimension only in that form");
            scales[atom.Name] = ([.. c.Indices.Take(c.Indices.Length - axes)], scale);
        }
        return (atom => scales.TryGetValue(atom.Name, out var s) && s.Lead.Length == atom.Lead.Length
            ? Substitution.Substitute(s.Scale, s.Lead.Select((l, i) => (l, i)).ToDictionary(p => (Expr)p.l, p => atom.Lead[p.i])) * Symbolics.Matrices.MatrixPolynomial.Of(atom)
            : null, null);
    }

    // The coefficient template at an occurrence: its key's index names replaced by the occurrence's indices.
    private static Expr Instantiate(ImmutableArray<Symbol> names, Expr value, ImmutableArray<Expr> at) =>
        names.IsEmpty ? value : Substitution.Substitute(value, names.Select((n, i) => (n, i)).ToDictionary(p => (Expr)p.n, p => at[p.i]));

    private static string Where(TemplateFactor f) =>
        f.Indices.IsEmpty ? f.Variable : $"{f.Variable}[{string.Join(", ", f.Indices.Select(i => $"{i.Index} in 1..{i.Upper}"))}]";

    private static bool ContainsOpaque(Expr e) => e is OpaqueCall || e.Children.Any(ContainsOpaque);
}
