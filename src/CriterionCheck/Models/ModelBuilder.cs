using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Models;

/// <summary>
/// Builds a <see cref="Model"/> from a <see cref="SpecDocument"/>: declarations in file order (sizes,
/// parameters, functions and families must be declared before use), then every factor, then the
/// factors in dependency order. Each problem is a <see cref="SpecException"/> at the offending text.
/// </summary>
public sealed class ModelBuilder
{
    /// <summary>The largest size a spec or <c>--dims</c> may give.</summary>
    public const int MaxSize = 1_000_000;

    /// <summary>The most elements one parameter block or one factor may have.</summary>
    public const long MaxElements = 10_000_000;

    /// <summary>The most names and summation terms all of a spec's expressions may expand to.</summary>
    public const long MaxWork = 20_000_000;

    private readonly SpecDocument document;
    private readonly IReadOnlyDictionary<string, int> overrides;
    private readonly ModelScope scope;

    private ModelBuilder(SpecDocument document, IReadOnlyDictionary<string, int> overrides)
    {
        this.document = document;
        this.overrides = overrides;
        scope = new ModelScope(document.Source);
    }

    /// <summary>The model of <paramref name="document"/>, with sizes overridden by <paramref name="dims"/>.</summary>
    /// <exception cref="SpecException">The spec is malformed (located in its source).</exception>
    /// <exception cref="ModelOptionException">An override names no size of the spec, or is out of range.</exception>
    public static Model Build(SpecDocument document, IReadOnlyDictionary<string, int>? dims = null)
    {
        try { return new ModelBuilder(document, dims ?? ImmutableDictionary<string, int>.Empty).Run(); }
        catch (ExpressionException e) { throw SpecException.From(e).In(document.Source); }
        catch (SpecException e) when (e.SourceText is null) { throw e.In(document.Source); }
    }

    private Model Run()
    {
        string? title = null;
        bool? expect = null;
        var lastExpect = 0;
        var factors = new List<VariableDeclaration>();
        foreach (var statement in document.Statements)
        {
            IEnumerable<(Identifier Name, string Kind)> declared = statement switch
            {
                DimsStatement d => d.Dims.Select(x => (x.Name, "size")),
                ParamStatement p => [(p.Name, "parameter")],
                FunctionStatement f => [(f.Name, "function")],
                FamilyStatement f => [(f.Name, "family")],
                _ => [],
            };
            foreach (var (name, kind) in declared) scope.Upcoming.TryAdd(name.Text, (kind, scope.Line(name.Span)));
        }
        for (var order = 0; order < document.Statements.Length; order++)
        {
            switch (document.Statements[order])
            {
                case ModelStatement m:
                    if (title is not null) throw new SpecException("the spec has two model titles", m.Span);
                    title = m.Title;
                    break;
                case DimsStatement d:
                    foreach (var dim in d.Dims) DeclareSize(dim, order);
                    break;
                case ParamStatement p:
                    DeclareParameter(p, order);
                    break;
                case FunctionStatement f:
                    DeclareFunction(f, order);
                    break;
                case FamilyStatement f:
                    if (FamilyLibrary.Find(f.Name.Text) is not null)
                        throw new SpecException($"'{f.Name.Text}' is a built-in family; give the declared family another name", f.Name.Span);
                    if (scope.Families.ContainsKey(f.Name.Text)) throw new SpecException($"family '{f.Name.Text}' is declared twice", f.Name.Span);
                    scope.Families[f.Name.Text] = (DeclaredFamilyBuilder.Build(f), order);
                    break;
                case FactorStatement f:
                    var variable = DeclareVariable(f, order);
                    scope.Variables[f.Variable.Text] = variable;
                    factors.Add(variable);
                    break;
                case ExpectStatement e:
                    if (expect is not null) throw new SpecException($"the spec has two expect statements (the first on line {lastExpect})", e.Span);
                    expect = e.Satisfied;
                    lastExpect = scope.Line(e.Span);
                    break;
            }
        }
        foreach (var key in overrides.Keys.Order(StringComparer.Ordinal))
            if (!scope.Dims.ContainsKey(key))
                throw new ModelOptionException($"--dims {key}: {document.Source.Name} has no size named {key} (its sizes: {string.Join(", ", scope.Dims.Keys)})");

        var observables = factors.Where(f => f.Statement.Kind == FactorKind.Observe).ToList();
        if (observables.Count == 0)
            throw new SpecException("the spec has no observable: add a line such as 'observe x[d in D] ~ Normal(mean, variance)'",
                new TextSpan(document.Source.Text.Length, 0));
        if (observables.Count > 1)
            throw new SpecException($"a spec has one observable, and '{observables[0].Statement.Variable.Text}' is declared on line {scope.Line(observables[0].Statement.Span)}",
                observables[1].Statement.Variable.Span);
        if (factors.Count == 1)
            throw new SpecException("the model has no latent variable: add a line such as 'latent z[h in H] ~ Bernoulli(pi[h])'", observables[0].Statement.Span);

        var functions = scope.Functions.Values.OrderBy(f => f.Order).Select(f => BuildFunction(f.Statement, f.Order)).ToImmutableArray();

        var assumptions = DomainAssumptions.None;
        foreach (var (name, p) in scope.Parameters)
        {
            assumptions = assumptions.With(name, p.Block.Domain.EntryDomain());
            // Each probability vector of a simplex block is one row: its free weights sum to less than 1.
            if (p.Block.Domain == ParameterDomain.Simplex)
                foreach (var row in p.Block.FreeElements.GroupBy(e => string.Join(",", e.Indices.SkipLast(1))))
                    assumptions = assumptions.WithSimplex(row);
        }
        var normalizer = new Normalizer(assumptions);
        var built = new List<Factor>();
        foreach (var declaration in factors)
        {
            var (elements, family, parents, parameters) = new FactorBuilder(scope, declaration, normalizer, new Bounds(assumptions)).Build();
            var s = declaration.Statement;
            var role = s.Kind == FactorKind.Observe ? FactorRole.Observable : parents.IsEmpty ? FactorRole.Prior : FactorRole.Latent;
            var lhs = s.Axes.IsEmpty ? s.Variable.Text : $"{s.Variable.Text}[{string.Join(", ", declaration.Axes)}]";
            built.Add(new Factor(s.Variable.Text, role, declaration.Axes, family, lhs,
                document.Source.Text.Substring(s.Distribution.Span.Start, s.Distribution.Span.Length), parents, parameters, elements, scope.Line(s.Span)));
            if (family.Support.Kind == SupportKind.Positive) assumptions = assumptions.With(s.Variable.Text, Domain.Positive);
            if (family.Support.Kind == SupportKind.UnitInterval) assumptions = assumptions.With(s.Variable.Text, Domain.UnitInterval);
        }
        var ordered = DependencyOrder(built, factors);

        foreach (var (name, p) in scope.Parameters.OrderBy(p => p.Value.Order))
            if (!ordered.Any(f => f.Parameters.Contains(name)))
                throw new SpecException($"parameter '{name}' is declared but no factor uses it", p.Span);

        var families = scope.Families.Values.OrderBy(f => f.Order).Select(f => f.Definition).ToImmutableArray();
        var dims = scope.Dims.Values.OrderBy(d => d.Order).Select(d => d.Dimension).ToImmutableArray();
        var blocks = scope.Parameters.Values.OrderBy(p => p.Order).Select(p => p.Block).ToImmutableArray();
        var (template, problem) = new TemplateBuilder(scope).Build(factors, ordered);
        return new Model(title ?? Path.GetFileNameWithoutExtension(document.Source.Name), document.Source.Name, dims, blocks, functions,
            families, ordered, expect, assumptions) { Template = template, TemplateProblem = problem, Document = document };
    }

    private void DeclareSize(DimSyntax dim, int order)
    {
        scope.Declare(dim.Name, "size");
        if (dim.Value < 1 || dim.Value > MaxSize)
            throw new SpecException($"size {dim.Name.Text} = {(dim.Value == long.MaxValue ? "(too large)" : dim.Value)} is out of range: sizes run from 1 to {MaxSize:N0}", dim.ValueSpan);
        var size = (int)dim.Value;
        if (overrides.TryGetValue(dim.Name.Text, out var given))
        {
            if (given < 1 || given > MaxSize) throw new ModelOptionException($"--dims {dim.Name.Text}={given}: sizes run from 1 to {MaxSize:N0}");
            size = given;
        }
        scope.Dims[dim.Name.Text] = (new Dimension(dim.Name.Text, size), order);
    }

    private void DeclareParameter(ParamStatement p, int order)
    {
        scope.Declare(p.Name, "parameter");
        var shape = p.Shape.Select(s => scope.Size(s, order)).ToImmutableArray();
        switch (p.Domain.Domain)
        {
            case ParameterDomain.Simplex when shape.IsEmpty || shape[^1].Size < 2:
                throw new SpecException($"a simplex needs a last axis of at least 2 entries, as in param {p.Name.Text}[C] simplex", p.Domain.Span);
            case ParameterDomain.PositiveDefinite when shape.Length < 2 || shape[^1].Size != shape[^2].Size:
                throw new SpecException($"a positive-definite matrix needs two last axes of equal size, as in param {p.Name.Text}[C, D, D] posdef", p.Domain.Span);
        }
        var count = shape.Aggregate(1L, (n, d) => n * d.Size > MaxElements ? MaxElements + 1 : n * d.Size);
        if (count > MaxElements)
            throw new SpecException($"parameter {p.Name.Text} would have more than {MaxElements:N0} elements; reduce the dims", p.Name.Span);
        scope.Parameters[p.Name.Text] = (new ParameterBlock(p.Name.Text, shape, p.Domain.Domain, scope.Line(p.Span)), order, p.Name.Span);
    }

    private void DeclareFunction(FunctionStatement f, int order)
    {
        scope.Declare(f.Name, "function");
        if (f.Output is { } output) scope.Size(output.Size, order);
        if (f.Inputs.IsEmpty) throw new SpecException($"function {f.Name.Text} needs at least one input, the latent it maps: {f.Name.Text}(z; w)", f.Name.Span);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in f.Inputs.Concat(f.Parameters))
            if (!seen.Add(a.Text)) throw new SpecException($"'{a.Text}' appears twice in the arguments of {f.Name.Text}", a.Span);
        foreach (var p in f.Parameters)
            if (!scope.Parameters.TryGetValue(p.Text, out var block) || block.Order > order)
                throw new SpecException(scope.Parameters.ContainsKey(p.Text)
                    ? $"parameter '{p.Text}' is used before its declaration"
                    : $"'{p.Text}' after ';' must be a parameter declared above{NameSuggestion.For(p.Text, scope.Parameters.Keys)}", p.Span);
        scope.Functions[f.Name.Text] = (f, order);
    }

    private VariableDeclaration DeclareVariable(FactorStatement f, int order)
    {
        scope.Declare(f.Variable, f.Kind == FactorKind.Latent ? "latent variable" : "observable");
        var axes = ImmutableArray.CreateBuilder<Axis>();
        var elements = 1L;
        foreach (var a in f.Axes)
        {
            var dimension = scope.Size(a.Size, order);
            if (a.Index is { } index)
            {
                if (scope.Names.TryGetValue(index.Text, out var clash))
                    throw new SpecException($"plate index '{index.Text}' clashes with the {clash.Kind} declared on line {clash.Line}", index.Span);
                if (axes.Any(x => x.Index == index.Text)) throw new SpecException($"plate index '{index.Text}' is used twice", index.Span);
            }
            axes.Add(new Axis(a.Index?.Text, dimension));
            elements = Math.Min(elements * dimension.Size, MaxElements + 1);
        }
        if (elements > MaxElements)
            throw new SpecException($"{f.Variable.Text} would have more than {MaxElements:N0} elements; reduce the dims", f.Variable.Span);
        var name = f.Distribution.Name;
        var definition = scope.Families.TryGetValue(name, out var declared)
            ? declared.Order < order ? declared.Definition
                : throw new SpecException($"family '{name}' is used before its declaration", f.Distribution.NameSpan)
            : FamilyLibrary.Find(name) ?? throw new SpecException(scope.LaterDeclaration(name, "family") ??
                $"unknown family '{name}'{NameSuggestion.For(name, FamilyLibrary.All.Select(d => d.Name).Concat(scope.Families.Keys))}; " +
                $"built in: {string.Join(", ", FamilyLibrary.All.Select(d => d.Name))}, or declare it with 'family'", f.Distribution.NameSpan);
        int? categories = null;
        if (definition == CategoricalFamily.Definition && f.Distribution.Arguments is [NameSyntax slice])
        {
            IReadOnlyList<Dimension>? shape = scope.Parameters.TryGetValue(slice.Name, out var p) ? p.Block.Shape : null;
            if (shape is not null && shape.Count == slice.Indices.Length + 1) categories = shape[^1].Size;
        }
        return new VariableDeclaration(f, order, axes.ToImmutable(), definition, categories);
    }

    private OpaqueFunction BuildFunction(FunctionStatement f, int order)
    {
        foreach (var input in f.Inputs)
            if (!scope.Variables.TryGetValue(input.Text, out var v) || v.Statement.Kind != FactorKind.Latent)
                throw new SpecException($"the inputs of {f.Name.Text} must be latent variables; '{input.Text}' is not one", input.Span);
        var output = f.Output is { } o ? new Axis(o.Index?.Text, scope.Dims[o.Size.Text].Dimension) : null;
        var body = ImmutableArray<Expr>.Empty;
        if (f.Body is { } syntax)
        {
            if (output is { Index: null }) throw new SpecException($"name the output index to give {f.Name.Text} a body, as {f.Name.Text}[d in {output.Dimension.Name}](…) = …", f.Name.Span);
            var allowed = f.Inputs.Concat(f.Parameters).Select(i => i.Text).Concat(scope.Dims.Keys).ToHashSet(StringComparer.Ordinal);
            var ignored = new HashSet<string>();
            var values = new List<Expr>();
            var sizes = scope.Dims.ToImmutableDictionary(d => d.Key, d => d.Value.Dimension.Size);
            var (cost, heaviest) = LoweringCost.Estimate(syntax, new ExpressionContext { Sizes = sizes });
            scope.Budget.Require(LoweringCost.Multiply(cost, output?.Dimension.Size ?? 1), heaviest);
            foreach (var k in output is null ? [0] : Enumerable.Range(1, output.Dimension.Size))
            {
                var context = new ExpressionContext
                {
                    MatrixFunctions = false,
                    Sizes = sizes,
                    DeclaredSymbols = [.. scope.Names.Keys],
                    IndexValues = output is null ? ImmutableDictionary<string, int>.Empty : ImmutableDictionary<string, int>.Empty.Add(output.Index!, k),
                    ResolveName = r => allowed.Contains(r.Name)
                        ? scope.Resolve(r, order, null, ignored, ignored)
                        : throw new ExpressionException($"the body of {f.Name.Text} may use only its inputs, its parameters and sizes, not '{r.Name}'", r.NameSpan),
                    Budget = scope.Budget,
                };
                values.Add(Lowering.Lower(syntax, context));
            }
            body = [.. values];
        }
        return new OpaqueFunction(f.Name.Text, output, [.. f.Inputs.Select(i => i.Text)], [.. f.Parameters.Select(p => p.Text)], body, scope.Line(f.Span));
    }

    // Kahn's algorithm, ties broken by file order; what remains lies on a cycle.
    private static ImmutableArray<Factor> DependencyOrder(List<Factor> factors, List<VariableDeclaration> declarations)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<Factor>();
        while (result.Count < factors.Count)
        {
            var next = factors.FirstOrDefault(f => !done.Contains(f.Variable) && f.Parents.All(done.Contains));
            if (next is null)
            {
                var remaining = factors.Where(f => !done.Contains(f.Variable)).ToDictionary(f => f.Variable);
                var path = new List<string> { remaining.Keys.First() };
                while (true)
                {
                    var parent = remaining[path[^1]].Parents.First(remaining.ContainsKey);
                    var seenAt = path.IndexOf(parent);
                    if (seenAt >= 0)
                    {
                        var cycle = path.Skip(seenAt).Append(parent).ToList();
                        var at = declarations.First(d => d.Statement.Variable.Text == cycle[0]).Statement.Variable.Span;
                        throw new SpecException($"cycle: {cycle[0]} depends on {string.Join(", which depends on ", cycle.Skip(1))}; the factors must form a directed acyclic chain", at);
                    }
                    path.Add(parent);
                }
            }
            done.Add(next.Variable);
            result.Add(next);
        }
        return result.ToImmutable();
    }
}
