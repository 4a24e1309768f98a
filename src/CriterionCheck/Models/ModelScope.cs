using CriterionCheck.Families;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Models;

/// <summary>
/// Everything declared in a spec, and the one place names are resolved: parameters, sizes, variables
/// and functions, with the checks that give the spec language its error messages (undefined or
/// later-declared names, index counts and ranges, categorical latents as indices).
/// </summary>
internal sealed class ModelScope(SourceText source)
{
    public SourceText Source { get; } = source;
    public Dictionary<string, (Dimension Dimension, int Order)> Dims { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (ParameterBlock Block, int Order, TextSpan Span)> Parameters { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (FunctionStatement Statement, int Order)> Functions { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (FamilyDefinition Definition, int Order)> Families { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, VariableDeclaration> Variables { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (string Kind, int Line)> Names { get; } = new(StringComparer.Ordinal);

    /// <summary>Every size, parameter, function and family of the file, found in a first pass, so a use before the declaration can say so.</summary>
    public Dictionary<string, (string Kind, int Line)> Upcoming { get; } = new(StringComparer.Ordinal);

    /// <summary>" (declared later, on line N)"-style error text when <paramref name="name"/> is declared further down as a <paramref name="kind"/>.</summary>
    public string? LaterDeclaration(string name, string kind) =>
        Upcoming.TryGetValue(name, out var u) && u.Kind == kind ? $"{kind} '{name}' is used before its declaration on line {u.Line}" : null;
    public LoweringBudget Budget { get; } = new(ModelBuilder.MaxWork);

    public int Line(TextSpan span) => Source.Position(span.Start).Line;

    /// <summary>Registers a name in the spec's one namespace; a second declaration is an error.</summary>
    public void Declare(Identifier name, string kind)
    {
        if (Names.TryGetValue(name.Text, out var earlier))
            throw new SpecException($"'{name.Text}' is already declared as a {earlier.Kind} on line {earlier.Line}", name.Span);
        if (Lowering.BuiltInFunctionNames.Contains(name.Text))
            throw new SpecException($"'{name.Text}' is a built-in function and cannot be declared as a {kind}", name.Span);
        Names[name.Text] = (kind, Line(name.Span));
    }

    /// <summary>The size named <paramref name="name"/>, declared before statement <paramref name="order"/>.</summary>
    public Dimension Size(Identifier name, int order)
    {
        if (Dims.TryGetValue(name.Text, out var d))
            return d.Order <= order ? d.Dimension
                : throw new SpecException($"size '{name.Text}' is used before its declaration on line {Names[name.Text].Line}", name.Span);
        throw new SpecException(LaterDeclaration(name.Text, "size") ?? $"undefined size '{name.Text}'{NameSuggestion.For(name.Text, Dims.Keys)}; declare it with dims", name.Span);
    }

    /// <summary>
    /// Resolves a name met in factor <paramref name="user"/> (statement <paramref name="order"/>),
    /// recording the parents and parameters it uses.
    /// </summary>
    public Expr Resolve(NameReference r, int order, string? user, ISet<string> parents, ISet<string> parameters)
    {
        if (Parameters.TryGetValue(r.Name, out var p))
        {
            if (p.Order > order) throw new ExpressionException($"parameter '{r.Name}' is used before its declaration on line {p.Block.Line}", r.NameSpan);
            parameters.Add(r.Name);
            if (r.InOpaqueArguments && r.Indices.IsEmpty) return Symbol.Of(r.Name);
            CheckIndices(r, p.Block.Shape, $"parameter {p.Block.Declaration}", parents);
            return p.Block.Element(r.Indices);
        }
        if (Variables.TryGetValue(r.Name, out var v))
        {
            if (r.Name == user) throw new ExpressionException($"'{r.Name}' cannot depend on itself", r.NameSpan);
            if (v.Statement.Kind == FactorKind.Observe)
                throw new ExpressionException($"'{r.Name}' is the observable; no other variable may depend on it", r.NameSpan);
            parents.Add(r.Name);
            if (r.InOpaqueArguments && r.Indices.IsEmpty) return Symbol.Of(r.Name);
            CheckIndices(r, [.. v.Axes.Select(a => a.Dimension)], $"variable {v.Statement.Variable.Text}", parents);
            return Symbol.Of(r.Name, r.Indices);
        }
        if (Dims.TryGetValue(r.Name, out var d) && r.Indices.IsEmpty)
        {
            if (d.Order > order) throw new ExpressionException($"size '{r.Name}' is used before its declaration on line {Names[r.Name].Line}", r.NameSpan);
            return Number.Of(d.Dimension.Size);
        }
        if (Functions.ContainsKey(r.Name))
            throw new ExpressionException($"'{r.Name}' is a function; call it as {r.Name}(…)", r.NameSpan);
        if ((LaterDeclaration(r.Name, "parameter") ?? LaterDeclaration(r.Name, "size")) is { } later) throw new ExpressionException(later, r.NameSpan);
        var visible = Parameters.Keys.Concat(Variables.Keys).Concat(Dims.Keys);
        throw new ExpressionException($"undefined name '{r.Name}'{NameSuggestion.For(r.Name, visible)}: not a parameter, variable, size, or an index bound by a plate or sum", r.NameSpan);
    }

    private void CheckIndices(NameReference r, IReadOnlyList<Dimension> shape, string what, ISet<string> parents)
    {
        if (r.Indices.Length != shape.Count)
            throw new ExpressionException(shape.Count == 0
                ? $"{what} is a scalar and takes no index"
                : $"{what} needs {shape.Count} ind{(shape.Count == 1 ? "ex" : "ices")}, not {r.Indices.Length}", r.Span);
        for (var k = 0; k < shape.Count; k++)
        {
            var axis = shape[k];
            switch (r.Indices[k])
            {
                case Number { Value: var n } when n.IsInteger && n.Numerator >= 1 && n.Numerator <= axis.Size:
                    break;
                case Number { Value: var n }:
                    throw new ExpressionException($"index {n} is out of range: axis {k + 1} of {what} runs over 1..{axis.Size} ({axis.Name})", r.Span);
                case Symbol s when Variables.TryGetValue(s.Name, out var c) && c.Categories is { } categories:
                    if (categories != axis.Size)
                        throw new ExpressionException($"'{s.Name}' takes values 1..{categories} but axis {k + 1} of {what} has size {axis.Size} ({axis.Name})", r.Span);
                    parents.Add(s.Name);
                    break;
                default:
                    throw new ExpressionException($"index '{r.Indices[k]}' of {what} is not a plate index, summation index, whole number or categorical latent", r.Span);
            }
        }
    }
}
