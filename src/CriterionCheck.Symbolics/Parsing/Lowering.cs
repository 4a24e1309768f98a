using System.Collections.Immutable;
using CriterionCheck.Symbolics.Core;

namespace CriterionCheck.Symbolics.Parsing;

/// <summary>
/// Turns surface <see cref="Syntax"/> into canonical <see cref="Expr"/>: resolves names to constants,
/// symbols and functions, expands <c>sum(h in H, …)</c>, and reports problems at the node's span.
/// </summary>
public sealed class Lowering
{
    private static readonly ImmutableDictionary<string, (FunctionKind Kind, int Arity, int Order)> BuiltIns =
        new Dictionary<string, (FunctionKind, int, int)>
        {
            ["exp"] = (FunctionKind.Exp, 1, 0),
            ["log"] = (FunctionKind.Log, 1, 0),
            ["abs"] = (FunctionKind.Abs, 1, 0),
            ["sign"] = (FunctionKind.Sign, 1, 0),
            ["tanh"] = (FunctionKind.Tanh, 1, 0),
            ["sigmoid"] = (FunctionKind.Sigmoid, 1, 0),
            ["logit"] = (FunctionKind.Logit, 1, 0),
            ["softplus"] = (FunctionKind.Softplus, 1, 0),
            ["lgamma"] = (FunctionKind.LogGamma, 1, 0),
            ["digamma"] = (FunctionKind.Polygamma, 1, 0),
            ["trigamma"] = (FunctionKind.Polygamma, 1, 1),
            ["polygamma"] = (FunctionKind.Polygamma, 2, -1),
        }.ToImmutableDictionary();

    /// <summary>True for names the expression language reads as a constant or function (pi, e, log, sum, …), which a generated name must avoid.</summary>
    public static bool IsReservedName(string name) => name is "pi" or "e" or "sqrt" or "sum" or "inv" or "logdet" or "matrix" || BuiltIns.ContainsKey(name);

    /// <summary>Every function name the language knows, for messages.</summary>
    public static IEnumerable<string> BuiltInFunctionNames => BuiltIns.Keys.Append("sqrt").Append("sum").Append("inv").Append("logdet").Order(StringComparer.Ordinal);

    private readonly ExpressionContext context;
    private readonly Dictionary<string, Expr> bound = new(StringComparer.Ordinal);
    private int opaqueDepth;

    private Lowering(ExpressionContext context) => this.context = context;

    /// <summary>The canonical expression for <paramref name="syntax"/>.</summary>
    /// <exception cref="ExpressionException">An unknown name, wrong arity, or an operation with no real value.</exception>
    public static Expr Lower(Syntax syntax, ExpressionContext context) => new Lowering(context).Visit(syntax);

    private Expr Visit(Syntax syntax)
    {
        try
        {
            return syntax switch
            {
                NumberSyntax n => Number.Of(n.Value),
                NameSyntax n => VisitName(n),
                CallSyntax c => VisitCall(c),
                SumSyntax s => Sum.Of(s.Terms.Select(t => t.Subtract ? -Visit(t.Term) : Visit(t.Term))),
                ProductSyntax p => VisitProduct(p),
                PowerSyntax p => Power.Of(Visit(p.Base), Visit(p.Exponent)),
                NegateSyntax n => -Visit(n.Operand),
                BindingSyntax b => throw new ExpressionException($"'{b.Variable} in …' is only allowed as the first argument of sum", b.Span),
                _ => throw new InvalidOperationException("unknown syntax node " + syntax.GetType().Name),
            };
        }
        catch (SymbolicException e)
        {
            throw new ExpressionException(e.Message, syntax.Span);
        }
    }

    private Expr VisitProduct(ProductSyntax p)
    {
        var factors = new List<Expr>(p.Factors.Length);
        foreach (var (divide, f) in p.Factors)
        {
            var value = Visit(f);
            if (divide && value.IsZero) throw new ExpressionException("division by zero", f.Span);
            factors.Add(divide ? Power.Of(value, Number.MinusOne) : value);
        }
        return Product.Of(factors);
    }

    private Expr VisitName(NameSyntax n)
    {
        if (n.Indices.IsEmpty)
        {
            if (bound.TryGetValue(n.Name, out var k)) return k;
            if (context.IndexValues.TryGetValue(n.Name, out var v)) return Number.Of(v);
            if (context.FreeIndices.Contains(n.Name)) return Symbol.Of(n.Name);
            if (!context.DeclaredSymbols.Contains(n.Name))
            {
                if (n.Name == "pi") return Constant.Pi;
                if (n.Name == "e") return FunctionCall.E;
            }
        }
        if (BuiltIns.ContainsKey(n.Name) || n.Name is "sqrt" or "sum" || context.OpaqueFunctions.ContainsKey(n.Name))
            throw new ExpressionException($"'{n.Name}' is a function; call it with arguments, as {n.Name}(…)", n.NameSpan);
        context.Budget?.Spend(n.Span);
        var indices = n.Indices.Select(Visit).ToImmutableArray();
        return context.ResolveName is { } resolve
            ? resolve(new NameReference(n.Name, indices, n.NameSpan, n.Span, opaqueDepth > 0))
            : Symbol.Of(n.Name, indices);
    }

    private Expr VisitCall(CallSyntax c)
    {
        if (context.OpaqueFunctions.TryGetValue(c.Name, out var signature)) return VisitOpaque(c, signature);
        if (c.Name is "inv" or "logdet" or "matrix") return VisitMatrixFunction(c);
        if (!c.Indices.IsEmpty) throw new ExpressionException($"the built-in function {c.Name} cannot be indexed", c.NameSpan);
        if (!c.Derivatives.IsEmpty) throw new ExpressionException($"derivative atoms (') apply only to opaque functions, not to {c.Name}", c.NameSpan);
        if (c.InputCount is not null) throw new ExpressionException($"';' separates inputs from parameters of opaque functions only, not of {c.Name}", c.NameSpan);
        if (c.Name == "sum") return VisitSum(c);
        if (c.Name == "sqrt")
        {
            RequireArity(c, 1);
            return FunctionCall.Sqrt(Visit(c.Arguments[0]));
        }
        if (!BuiltIns.TryGetValue(c.Name, out var f))
            throw new ExpressionException($"unknown function '{c.Name}' (known: {string.Join(", ", BuiltInFunctionNames)}; other names must be declared as opaque functions)", c.NameSpan);
        RequireArity(c, f.Arity);
        var args = c.Arguments.Select(Visit).ToList();
        if (f.Kind == FunctionKind.Polygamma && f.Order >= 0) args.Insert(0, Number.Of(f.Order));
        try { return FunctionCall.Of(f.Kind, [.. args]); }
        catch (SymbolicException e) { throw new ExpressionException(e.Message, c.Span); }
    }

    // inv[i,j](matrix(m11, m12, …, mnn)) and logdet(matrix(…)): an inverse entry and a log-determinant of
    // an n×n matrix given row by row, as TextPrinter.PrintExplicit writes them.
    private Expr VisitMatrixFunction(CallSyntax c)
    {
        if (!context.MatrixFunctions)
            throw new ExpressionException($"{c.Name} is not available in a spec file: a full covariance is the argument of MvNormal, whose inverse is known to exist", c.NameSpan);
        if (c.Name == "matrix") throw new ExpressionException("matrix(…) is only an argument of inv[i,j](…) or logdet(…)", c.NameSpan);
        if (!c.Derivatives.IsEmpty || c.InputCount is not null) throw new ExpressionException($"{c.Name} takes one matrix(…) argument", c.NameSpan);
        if (c.Arguments is not [CallSyntax { Name: "matrix", Indices.IsEmpty: true, Derivatives.IsEmpty: true, InputCount: null } matrix])
            throw new ExpressionException($"{c.Name} takes one argument, matrix(m11, m12, …) with the entries row by row", c.Span);
        var entries = matrix.Arguments.Select(Visit).ToList();
        var side = (int)Math.Round(Math.Sqrt(entries.Count));
        if (side < 1 || side * side != entries.Count) throw new ExpressionException($"matrix(…) needs n² entries for an n×n matrix, not {entries.Count}", matrix.Span);
        if (c.Name == "logdet")
        {
            if (!c.Indices.IsEmpty) throw new ExpressionException("logdet is not indexed", c.NameSpan);
            return MatrixFunction.LogDeterminant(entries);
        }
        if (c.Indices.Length != 2 || c.Indices.Select(Visit).ToList() is not [Number { Value: { IsInteger: true } i }, Number { Value: { IsInteger: true } j }]
            || i.Sign <= 0 || j.Sign <= 0 || i.Numerator > side || j.Numerator > side)
            throw new ExpressionException($"inv needs two whole-number indices within 1..{side}, as inv[1,2](matrix(…))", c.NameSpan);
        return MatrixFunction.Inverse(entries, (int)i.Numerator - 1, (int)j.Numerator - 1);
    }

    private Expr VisitOpaque(CallSyntax c, OpaqueSignature signature)
    {
        var inputs = c.InputCount ?? c.Arguments.Length;
        var parameters = c.Arguments.Length - inputs;
        if (signature.Inputs is { } i && i != inputs || signature.Parameters is { } p && p != parameters)
            throw new ExpressionException(
                $"{c.Name} takes {signature.Inputs?.ToString() ?? "any number of"} input(s) and {signature.Parameters?.ToString() ?? "any number of"} parameter(s), " +
                $"but is given {inputs} and {parameters}", c.Span);
        var indices = c.Indices.Select(Visit).ToList();
        opaqueDepth++;
        try { return OpaqueCall.Of(c.Name, indices, [.. c.Arguments.Select(Visit)], inputs, c.Derivatives); }
        finally { opaqueDepth--; }
    }

    private Expr VisitSum(CallSyntax c)
    {
        if (c.Arguments.Length != 2 || c.Arguments[0] is not BindingSyntax binding)
            throw new ExpressionException("sum takes a binder and a body: sum(h in H, body)", c.Span);
        if (bound.ContainsKey(binding.Variable))
            throw new ExpressionException($"index '{binding.Variable}' is already bound by an enclosing sum", binding.VariableSpan);
        if (context.IndexValues.ContainsKey(binding.Variable) || context.FreeIndices.Contains(binding.Variable))
            throw new ExpressionException($"index '{binding.Variable}' is already bound by the plate; choose another name", binding.VariableSpan);
        if (context.SymbolicSizes && binding.Range is not NumberSyntax) return VisitSymbolicSum(c, binding);
        int size;
        if (binding.Range is NameSyntax { Indices.IsEmpty: true } r && context.Sizes.TryGetValue(r.Name, out var named)) size = named;
        else if (binding.Range is NumberSyntax { Value: { IsInteger: true, Sign: >= 0 } v } && v.Numerator <= 1_000_000) size = (int)v.Numerator;
        else throw new ExpressionException("the range of sum must be a declared size or a non-negative integer", binding.Range.Span);
        context.Budget?.Require(size, c.Span);
        var terms = new List<Expr>(size);
        try
        {
            for (var k = 1; k <= size; k++)
            {
                bound[binding.Variable] = Number.Of(k);
                context.Budget?.Spend(c.Span);
                terms.Add(Visit(c.Arguments[1]));
            }
        }
        finally { bound.Remove(binding.Variable); }
        return Sum.Of(terms);
    }

    // A template's sum over 1..H keeps H a symbol; the range may also be an expression such as C - 1.
    private Expr VisitSymbolicSum(CallSyntax c, BindingSyntax binding)
    {
        var upper = binding.Range is NameSyntax { Indices.IsEmpty: true } r && context.Sizes.ContainsKey(r.Name) ? Symbol.Of(r.Name) : Visit(binding.Range);
        var index = Symbol.Of(binding.Variable);
        bound[binding.Variable] = index;
        try { return IndexedSum.Of(index, upper, Visit(c.Arguments[1]), binding.Variable); }
        finally { bound.Remove(binding.Variable); }
    }

    private static void RequireArity(CallSyntax c, int arity)
    {
        if (c.Arguments.Length != arity)
            throw new ExpressionException($"{c.Name} takes {arity} argument{(arity == 1 ? "" : "s")}, not {c.Arguments.Length}", c.Span);
        foreach (var a in c.Arguments)
            if (a is BindingSyntax b) throw new ExpressionException($"'{b.Variable} in …' is only allowed in sum", b.Span);
    }
}
