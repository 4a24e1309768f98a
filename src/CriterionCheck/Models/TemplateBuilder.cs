using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Matrices;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Models;

/// <summary>
/// Builds the <see cref="TemplateModel"/> of a spec: each factor's arguments lowered once with sizes as
/// symbols, plate indices free and sums over named sizes kept as sums, then its family's natural map
/// applied. Where a spec says something a template cannot state for every size — a fixed element of a
/// simplex axis (pi[3] is free or the last weight depending on C), a covariance entry by entry —
/// there is no template, and the reason says which.
/// </summary>
internal sealed class TemplateBuilder(ModelScope scope)
{
    /// <summary>The template model, or the reason there is none.</summary>
    public (TemplateModel? Template, string? Problem) Build(IReadOnlyList<VariableDeclaration> declarations, IReadOnlyList<Factor> ordered)
    {
        var assumptions = Assumptions(ordered);
        var normalizer = new Normalizer(assumptions);
        var templates = new List<TemplateFactor>();
        foreach (var factor in ordered)
        {
            var declaration = declarations.Single(d => d.Statement.Variable.Text == factor.Variable);
            try { templates.Add(BuildFactor(declaration, factor, normalizer)); }
            catch (TemplateException e) { return (null, $"{factor.Variable}: {e.Message}"); }
            catch (ExpressionException e) { return (null, $"{factor.Variable}: {e.Message}"); }
            catch (SymbolicException e) { return (null, $"{factor.Variable}: {e.Message}"); }
        }
        return (new TemplateModel([.. templates], assumptions), null);
    }

    private DomainAssumptions Assumptions(IReadOnlyList<Factor> factors)
    {
        var assumptions = DomainAssumptions.None;
        foreach (var (name, _) in scope.Dims) assumptions = assumptions.WithSize(name);
        foreach (var (name, p) in scope.Parameters)
        {
            assumptions = assumptions.With(name, p.Block.Domain.EntryDomain());
            if (p.Block.Domain == ParameterDomain.Simplex) assumptions = assumptions.WithSimplexBlock(name, Symbol.Of(p.Block.Shape[^1].Name));
        }
        foreach (var f in factors)
        {
            if (f.Family.Support.Kind == SupportKind.Positive) assumptions = assumptions.With(f.Variable, Domain.Positive);
            if (f.Family.Support.Kind == SupportKind.UnitInterval) assumptions = assumptions.With(f.Variable, Domain.UnitInterval);
        }
        return assumptions;
    }

    private TemplateFactor BuildFactor(VariableDeclaration declaration, Factor factor, Normalizer normalizer)
    {
        var statement = declaration.Statement;
        var whole = new HashSet<Symbol>(); // free indices that run over a whole simplex axis
        var plates = declaration.Axes.Where(a => a.IsPlate).Select(a => new TemplateIndex(Symbol.Of(a.Index!), Symbol.Of(a.Dimension.Name))).ToList();
        var categorical = factor.Parents.Select(p => scope.Variables[p]).Where(v => v.Categories is not null)
            .Select(v => new TemplateIndex(Symbol.Of(v.Statement.Variable.Text), Symbol.Of(CategorySize(v)))).ToList();
        var context = new ExpressionContext
        {
            MatrixFunctions = false,
            Sizes = scope.Dims.ToImmutableDictionary(d => d.Key, d => d.Value.Dimension.Size),
            SymbolicSizes = true,
            FreeIndices = [.. plates.Select(p => p.Index.Name)],
            DeclaredSymbols = [.. scope.Names.Keys],
            OpaqueFunctions = scope.Functions.ToImmutableDictionary(f => f.Key, f => new OpaqueSignature(f.Value.Statement.Inputs.Length, f.Value.Statement.Parameters.Length)),
            ResolveName = r => Resolve(r, plates, categorical, whole),
        };
        var simplexSizes = scope.Parameters.Where(p => p.Value.Block.Domain == ParameterDomain.Simplex)
            .ToDictionary(p => p.Key, p => (Expr)Symbol.Of(p.Value.Block.Shape[^1].Name));
        var call = statement.Distribution;
        var definition = declaration.Definition;
        if (definition == MultivariateNormalFamily.Definition) return NotSplit(MultivariateNormal(factor, call, context, plates, categorical), whole);
        if (definition == CategoricalFamily.Definition) return NotSplit(Categorical(factor, call, context, plates, categorical, simplexSizes), whole);
        var entries = new List<Expr>();
        for (var i = 0; i < call.Arguments.Length; i++)
        {
            var signature = definition.Signature[i];
            if (signature.Kind is ArgumentKind.Vector or ArgumentKind.Matrix) throw new TemplateException($"{definition.Name} takes a vector or matrix argument");
            if (signature.Kind == ArgumentKind.KnownCount)
            {
                // A trial count that is a size (Binomial(N, q)) makes the support {0, …, N} grow with N, and an
                // identity on {0, 1, 2} (z(z − 1)(z − 2) = 0) need not hold on {0, …, 3}: no proof for every size.
                if (factor.Role != FactorRole.Observable && Lowering.Lower(call.Arguments[i], context) is not Number and var count)
                    throw new TemplateException($"{definition.Name}'s count {count} is a size, so {statement.Variable.Text}'s support changes with it");
                continue;
            }
            entries.Add(SimplexTemplates.Split(Lowering.Lower(call.Arguments[i], context), simplexSizes));
        }
        var indices = plates.Concat(categorical).ToList();
        if (whole.Count > 1)
            throw new TemplateException($"{string.Join(" and ", whole.Order(ExprOrder.Instance))} each run over a whole simplex axis; a template splits at most one index");
        if (whole.Count == 1)
        {
            // c runs over 1..C and w[c] names the dependent last weight at c = C: one template for
            // c = 1..C − 1, where w[c] is free, and one at c = C, where w[C] = 1 − Σ_{k<C} w[k].
            var index = whole.Single();
            var at = indices.FindIndex(x => x.Index.Equals(index));
            var upper = indices[at].Upper;
            indices[at] = indices[at] with { Upper = upper - Number.One };
            var last = entries.Select(e => SimplexTemplates.Split(Substitution.Substitute(e, index, upper), simplexSizes)).ToList();
            var lastRanges = indices.Where(x => !x.Index.Equals(index)).ToDictionary(x => x.Index, x => x.Upper);
            foreach (var entry in last)
                if (SimplexTemplates.FreeWeightProblem(entry, lastRanges, simplexSizes) is { } lastProblem) throw new TemplateException(lastProblem);
            Check(entries, indices, simplexSizes);
            var general = factor.Family.NaturalParameters(entries, normalizer);
            var atLast = factor.Family.NaturalParameters(last, normalizer);
            return new TemplateFactor(factor.Variable, [.. indices], [.. general, .. atLast])
            {
                Arguments = [.. entries],
                Cases = [.. general.Select(_ => ""), .. atLast.Select(_ => $"{index} = {upper}")],
            };
        }
        Check(entries, indices, simplexSizes);
        // The family is the same at every size for scalar arguments; the concrete factor's instance is it.
        var naturals = factor.Family.NaturalParameters(entries, normalizer);
        return new TemplateFactor(factor.Variable, [.. indices], naturals) { Arguments = [.. entries] };
    }

    private static void Check(List<Expr> entries, List<TemplateIndex> indices, Dictionary<string, Expr> simplexSizes)
    {
        var ranges = indices.ToDictionary(x => x.Index, x => x.Upper);
        foreach (var entry in entries)
            if (SimplexTemplates.FreeWeightProblem(entry, ranges, simplexSizes) is { } problem) throw new TemplateException(problem);
    }

    // Families whose template is not split by index: an index over a whole simplex axis stays refused.
    private static TemplateFactor NotSplit(TemplateFactor factor, HashSet<Symbol> whole) =>
        whole.Count == 0 ? factor : throw new TemplateException($"{whole.First()} runs over a whole simplex axis in a {(factor.Matrix is null ? "categorical" : "multivariate normal")} factor");

    // Categorical(p) over K symbolic categories: η_k = log p_k − log p_K for k = 1..K−1, p_K = 1 − Σ p.
    private TemplateFactor Categorical(Factor factor, CallSyntax call, ExpressionContext context, List<TemplateIndex> plates, List<TemplateIndex> categorical,
        Dictionary<string, Expr> simplexSizes)
    {
        if (call.Arguments is not [NameSyntax slice] || !scope.Parameters.TryGetValue(slice.Name, out var p) || p.Block.Domain != ParameterDomain.Simplex)
            throw new TemplateException("a categorical's weights must be a simplex parameter slice");
        var lead = slice.Indices.Select(i => Lowering.Lower(i, context)).ToList();
        var size = Symbol.Of(p.Block.Shape[^1].Name);
        var k = Symbol.Of(FreshName("k", plates.Select(x => x.Index.Name).Concat(categorical.Select(x => x.Index.Name))));
        var natural = FunctionCall.Log(Symbol.Of(slice.Name, lead.Append(k).ToImmutableArray())) - FunctionCall.Log(SimplexTemplates.LastWeight(slice.Name, lead, size));
        return new TemplateFactor(factor.Variable, [.. plates, .. categorical, new TemplateIndex(k, size - Number.One)], [natural]);
    }

    // MvNormal(μ, Σ) at symbolic dimension: η = (Σ⁻¹μ, −½Σ⁻¹), the slices as matrix atoms.
    private TemplateFactor MultivariateNormal(Factor factor, CallSyntax call, ExpressionContext context, List<TemplateIndex> plates, List<TemplateIndex> categorical)
    {
        MatrixAtom Slice(Syntax syntax) => syntax is NameSyntax n
            ? new MatrixAtom(n.Name, [.. n.Indices.Select(i => Lowering.Lower(i, context))], false)
            : throw new TemplateException("the mean and covariance of a multivariate normal must be slices");
        var mean = Slice(call.Arguments[0]);
        var covariance = Slice(call.Arguments[1]);
        var inverse = MatrixPolynomial.Of(covariance.Inverted());
        MatrixPolynomial[] naturals = [inverse * MatrixPolynomial.Of(mean), Number.Of(new Rational(-1, 2)) * inverse];
        return new TemplateFactor(factor.Variable, [.. plates, .. categorical], []) { Matrix = new MatrixNaturals(mean, covariance, [.. naturals]) };
    }

    private static string FreshName(string stem, IEnumerable<string> taken)
    {
        var used = taken.ToHashSet(StringComparer.Ordinal);
        var name = stem;
        for (var i = 2; used.Contains(name); i++) name = stem + i;
        return name;
    }

    private string CategorySize(VariableDeclaration categorical)
    {
        // Categorical(pi[...]): the categories are the last axis of the simplex block.
        if (categorical.Statement.Distribution.Arguments is [NameSyntax slice] && scope.Parameters.TryGetValue(slice.Name, out var p))
            return p.Block.Shape[^1].Name;
        throw new TemplateException($"the number of categories of {categorical.Statement.Variable.Text} is not a named size");
    }

    // The spec's names at all sizes: parameter elements with symbolic indices, variables, sizes as symbols.
    private Expr Resolve(NameReference r, List<TemplateIndex> plates, List<TemplateIndex> categorical, HashSet<Symbol> whole)
    {
        if (scope.Parameters.TryGetValue(r.Name, out var p))
        {
            var block = p.Block;
            if (r.Indices.IsEmpty) return Symbol.Of(r.Name);
            switch (block.Domain)
            {
                case ParameterDomain.Simplex:
                    var last = r.Indices[^1];
                    var size = Symbol.Of(block.Shape[^1].Name);
                    if (last.Equals(size)) return SimplexTemplates.LastWeight(r.Name, r.Indices[..^1], size);
                    if (last is Number) throw new TemplateException($"{r.Name}[…, {last}] is a free weight or the last one depending on {size}");
                    // A free index over exactly the simplex's axis splits the template (see BuildFactor).
                    if (last is Symbol free && plates.Concat(categorical).FirstOrDefault(x => x.Index.Equals(free)) is { } range && range.Upper.Equals(size))
                    {
                        whole.Add(free);
                        break;
                    }
                    if (last is Symbol s && (plates.Any(x => x.Index.Equals(s)) || scope.Variables.ContainsKey(s.Name)))
                        throw new TemplateException($"{r.Name} is indexed over its whole last axis by {s}, whose last value is the dependent weight");
                    break;
                case ParameterDomain.PositiveDefinite:
                    throw new TemplateException($"the covariance {r.Name} is used entry by entry");
            }
            return Symbol.Of(r.Name, r.Indices);
        }
        if (scope.Variables.ContainsKey(r.Name)) return Symbol.Of(r.Name, r.Indices);
        if (scope.Dims.ContainsKey(r.Name) && r.Indices.IsEmpty) return Symbol.Of(r.Name);
        throw new TemplateException($"'{r.Name}' has no meaning at every size");
    }

    private sealed class TemplateException(string message) : Exception(message);
}
