using System.Collections.Immutable;
using CriterionCheck.Families;
using CriterionCheck.Spec;
using CriterionCheck.Symbolics.Core;
using CriterionCheck.Symbolics.Domains;
using CriterionCheck.Symbolics.Normalization;
using CriterionCheck.Symbolics.Parsing;

namespace CriterionCheck.Models;

/// <summary>
/// Builds one factor: for every plate element, lowers the family's arguments (scalars as expressions,
/// vectors and matrices as parameter slices such as <c>mu[c]</c>), instantiates the family at the
/// arguments' sizes and computes the natural parameters.
/// </summary>
internal sealed class FactorBuilder(ModelScope scope, VariableDeclaration declaration, Normalizer normalizer, Bounds bounds)
{
    private readonly HashSet<string> parents = new(StringComparer.Ordinal);
    private readonly HashSet<string> parameters = new(StringComparer.Ordinal);
    private FactorStatement Statement => declaration.Statement;

    public (ImmutableArray<FactorElement> Elements, ExponentialFamily Family, ImmutableArray<string> Parents, ImmutableArray<string> Parameters) Build()
    {
        var call = Statement.Distribution;
        var definition = declaration.Definition;
        if (call.Arguments.Length != definition.Signature.Length)
            throw new SpecException($"{definition.Usage} takes {definition.Signature.Length} argument{(definition.Signature.Length == 1 ? "" : "s")}, not {call.Arguments.Length}", call.Span);
        var plates = declaration.Axes.Where(a => a.IsPlate).ToList();
        RequireBudget(call, plates);
        var elements = ImmutableArray.CreateBuilder<FactorElement>();
        ExponentialFamily? family = null;
        foreach (var plateIndex in IndexTuples.Over(plates.Select(p => p.Dimension.Size).ToList()))
        {
            var context = Context(plates, plateIndex);
            var sizes = new List<int>();
            var entries = new List<Expr>();
            for (var i = 0; i < call.Arguments.Length; i++)
            {
                var (size, values) = Argument(call.Arguments[i], definition.Signature[i], context);
                sizes.Add(size);
                entries.AddRange(values);
            }
            family ??= Instantiate(definition, sizes);
            var variable = Variable(plateIndex, family);
            elements.Add(new FactorElement([.. plateIndex], variable, [.. entries], family.NaturalParameters(entries, normalizer)));
        }
        return (elements.ToImmutable(), family!, [.. parents.Order(StringComparer.Ordinal)], [.. parameters.Order(StringComparer.Ordinal)]);
    }

    // Reject a factor whose expressions cannot be expanded within the budget before expanding any of it.
    private void RequireBudget(CallSyntax call, List<Axis> plates)
    {
        var count = plates.Aggregate(1L, (n, p) => LoweringCost.Multiply(n, p.Dimension.Size));
        var context = Context(plates, [.. plates.Select(_ => 1)]);
        foreach (var argument in call.Arguments)
        {
            var (cost, heaviest) = LoweringCost.Estimate(argument, context);
            scope.Budget.Require(LoweringCost.Multiply(cost, count), heaviest);
        }
    }

    private ExpressionContext? baseContext;

    // The context is the same for every element except for the plate indices' values.
    private ExpressionContext Context(List<Axis> plates, int[] plateIndex)
    {
        var values = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < plates.Count; k++) values[plates[k].Index!] = plateIndex[k];
        baseContext ??= new ExpressionContext
        {
            MatrixFunctions = false,
            Sizes = scope.Dims.ToImmutableDictionary(d => d.Key, d => d.Value.Dimension.Size),
            DeclaredSymbols = [.. scope.Names.Keys],
            OpaqueFunctions = scope.Functions.Where(f => f.Value.Order < declaration.Order)
                .ToImmutableDictionary(f => f.Key, f => new OpaqueSignature(f.Value.Statement.Inputs.Length, f.Value.Statement.Parameters.Length)),
            ResolveName = r => scope.Resolve(r, declaration.Order, Statement.Variable.Text, parents, parameters),
            Budget = scope.Budget,
        };
        return baseContext with { IndexValues = values.ToImmutable() };
    }

    private (int Size, IReadOnlyList<Expr> Values) Argument(Syntax syntax, ArgumentSignature signature, ExpressionContext context)
    {
        switch (signature.Kind)
        {
            case ArgumentKind.Scalar:
                var value = Lowering.Lower(syntax, context);
                CheckOpaqueCalls(value, syntax.Span);
                if (value is Symbol s && scope.Parameters.TryGetValue(s.Name, out var bare)) CheckDomain(signature, bare.Block, syntax.Span);
                else CheckValue(signature, value, syntax.Span);
                return (1, [value]);
            case ArgumentKind.KnownCount:
                return Lowering.Lower(syntax, context) is Number { Value: { IsInteger: true } n } && n.Numerator >= 1 && n.Numerator <= int.MaxValue
                    ? ((int)n.Numerator, [])
                    : throw new SpecException($"{signature.Name} must be a known positive whole number (a literal or a size)", syntax.Span);
            default:
                return Slice(syntax, signature, context);
        }
    }

    // A vector or matrix argument is a slice: a parameter (or variable) with its trailing axes left open.
    private (int Size, IReadOnlyList<Expr> Values) Slice(Syntax syntax, ArgumentSignature signature, ExpressionContext context)
    {
        var open = signature.Kind == ArgumentKind.Vector ? 1 : 2;
        var what = signature.Kind == ArgumentKind.Vector ? "a vector" : "a square matrix";
        if (syntax is not NameSyntax name)
            throw new SpecException($"{signature.Name} must be {what}: a parameter slice such as mu[c] or pi", syntax.Span);
        IReadOnlyList<Dimension> shape = scope.Parameters.TryGetValue(name.Name, out var p) ? p.Block.Shape
            : scope.Variables.TryGetValue(name.Name, out var v) ? [.. v.Axes.Select(a => a.Dimension)]
            : throw SpecException.From(new ExpressionException($"undefined name '{name.Name}'{NameSuggestion.For(name.Name, scope.Parameters.Keys)}", name.NameSpan));
        if (shape.Count - name.Indices.Length != open)
            throw new SpecException(
                $"shape mismatch: {signature.Name} must be {what}, but {name.Name} has {shape.Count} ax{(shape.Count == 1 ? "is" : "es")} and {name.Indices.Length} of them are indexed here",
                syntax.Span);
        var fixedIndices = name.Indices.Select(i => Lowering.Lower(i, context)).ToList();
        var size = shape[^1].Size;
        if (open == 2 && shape[^2].Size != size)
            throw new SpecException($"shape mismatch: {signature.Name} must be square, but {name.Name}'s last axes are {shape[^2].Name} and {shape[^1].Name}", syntax.Span);
        if (p.Block is { } block) CheckDomain(signature, block, syntax.Span);
        else if (signature.Domain != ParameterDomain.Real)
            throw new SpecException($"{signature.Name} must be a {signature.Domain.Keyword()} parameter, not the variable {name.Name}", syntax.Span);
        var values = new List<Expr>();
        foreach (var rest in IndexTuples.Over(Enumerable.Repeat(size, open).ToList()))
        {
            var indices = fixedIndices.Concat(rest.Select(k => (Expr)Number.Of(k))).ToImmutableArray();
            values.Add(scope.Resolve(new NameReference(name.Name, indices, name.NameSpan, name.Span, false), declaration.Order, Statement.Variable.Text, parents, parameters));
        }
        return (size, values);
    }

    // A parameter passed as it is must lie where the family needs it: a variance must be declared positive, etc.
    private static void CheckDomain(ArgumentSignature signature, ParameterBlock block, TextSpan span)
    {
        var fits = signature.Domain switch
        {
            ParameterDomain.Real => true,
            ParameterDomain.Positive => block.Domain is ParameterDomain.Positive or ParameterDomain.UnitInterval or ParameterDomain.Simplex,
            ParameterDomain.UnitInterval => block.Domain is ParameterDomain.UnitInterval or ParameterDomain.Simplex,
            _ => block.Domain == signature.Domain,
        };
        if (!fits)
            throw new SpecException($"{signature.Name} must be {Describe(signature.Domain)}, but {block.Name} is declared {block.Domain.Keyword()}; declare it {signature.Domain.Keyword()}", span);
    }

    // An argument that can never lie where the family needs it (a constant variance 0, a probability 1.5,
    // −sigma2 for a variance) makes no model at all: say so at the argument.
    private void CheckValue(ArgumentSignature signature, Expr value, TextSpan span)
    {
        // Large expressions (a logit summing 200 terms) are left alone: they are never out of range in practice.
        if (signature.Domain is not (ParameterDomain.Positive or ParameterDomain.UnitInterval) || Simplifier.Size(value) > 64) return;
        var range = bounds.Of(value);
        var constant = value.Symbols().Count == 0;
        var never = range.High <= 0 || (signature.Domain == ParameterDomain.UnitInterval && range.Low >= 1);
        if (never)
            throw new SpecException($"{signature.Name} must be {Describe(signature.Domain)}, but {value} {(constant ? "is not" : "never is")}", span);
    }

    private static string Describe(ParameterDomain domain) => domain switch
    {
        ParameterDomain.Positive => "positive",
        ParameterDomain.UnitInterval => "in (0, 1)",
        ParameterDomain.Simplex => "a simplex (weights summing to 1)",
        ParameterDomain.PositiveDefinite => "a positive-definite matrix",
        _ => "real",
    };

    private ExponentialFamily Instantiate(FamilyDefinition definition, List<int> sizes)
    {
        try { return definition.Instantiate(sizes); }
        catch (FamilyException e)
        {
            var span = e.ArgumentIndex is { } i && i < Statement.Distribution.Arguments.Length ? Statement.Distribution.Arguments[i].Span : Statement.Distribution.Span;
            throw new SpecException(e.Message, span);
        }
    }

    private ImmutableArray<Symbol> Variable(int[] plateIndex, ExponentialFamily family)
    {
        var name = Statement.Variable.Text;
        var vectorAxes = declaration.Axes.Where(a => !a.IsPlate).ToList();
        if (family.Support.Kind == SupportKind.Categorical)
        {
            if (vectorAxes.Count > 0)
                throw new SpecException($"a categorical variable is one index per element; drop the axis {vectorAxes[0].Dimension.Name} from {name}", Statement.Variable.Span);
            return [Symbol.Of(name, [.. plateIndex])];
        }
        var coordinates = vectorAxes.Aggregate(1, (n, a) => n * a.Dimension.Size);
        if (coordinates != family.Variable.Length)
            throw new SpecException(
                $"shape mismatch: {name} has {coordinates} coordinate{(coordinates == 1 ? "" : "s")} per element but {family.Name} here is over {family.Variable.Length}" +
                (family.Variable.Length > 1 && vectorAxes.Count == 0 ? $"; declare a vector axis of size {family.Variable.Length}, as in {name}[D]" : ""),
                Statement.Variable.Span);
        var result = ImmutableArray.CreateBuilder<Symbol>();
        foreach (var inner in IndexTuples.Over(vectorAxes.Select(a => a.Dimension.Size).ToList()))
        {
            var indices = new List<Expr>();
            int p = 0, v = 0;
            foreach (var axis in declaration.Axes) indices.Add(Number.Of(axis.IsPlate ? plateIndex[p++] : inner[v++]));
            result.Add(Symbol.Of(name, indices.ToArray()));
        }
        return result.ToImmutable();
    }

    // Opaque calls must pass exactly the blocks the function was declared with, and index its output in range.
    private void CheckOpaqueCalls(Expr e, TextSpan span)
    {
        var stack = new Stack<Expr>([e]);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is OpaqueCall call)
            {
                var f = scope.Functions[call.Name].Statement;
                var expected = f.Inputs.Concat(f.Parameters).Select(i => (Expr)Symbol.Of(i.Text)).ToList();
                var usage = $"{f.Name.Text}{(f.Output is null ? "" : $"[{f.Output.Index?.Text ?? "i"}]")}({string.Join(", ", f.Inputs.Select(i => i.Text))}; {string.Join(", ", f.Parameters.Select(i => i.Text))})";
                if (!call.Derivatives.IsEmpty) throw new SpecException("a spec cannot use derivative atoms f'[k](…); the engine derives them", span);
                if (!call.Arguments.SequenceEqual(expected))
                    throw new SpecException($"call {f.Name.Text} with the blocks it is declared with: {usage}", span);
                var outputs = f.Output is null ? 0 : 1;
                if (call.Indices.Length != outputs)
                    throw new SpecException(outputs == 0 ? $"{f.Name.Text} has no output axis and takes no index" : $"{f.Name.Text} has an output axis: index it, as {usage}", span);
                if (f.Output is { } axis)
                {
                    var size = scope.Dims[axis.Size.Text].Dimension.Size;
                    if (call.Indices[0] is not Number { Value: { IsInteger: true } k } || k.Numerator < 1 || k.Numerator > size)
                        throw new SpecException($"the index of {f.Name.Text} must be a whole number in 1..{size}", span);
                }
                continue;
            }
            foreach (var c in node.Children) stack.Push(c);
        }
    }
}
