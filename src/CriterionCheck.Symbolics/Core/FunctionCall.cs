using System.Collections.Immutable;

namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// A call of a built-in function. Construction applies only rules true for every real argument:
/// exp(0) = 1, log(1) = 0, log(exp a) = a, logit(sigmoid a) = a, |c·x| = |c|·|x|, and values at
/// rational points that are rational.
/// </summary>
public sealed class FunctionCall : Expr
{
    /// <summary>Which function.</summary>
    public FunctionKind Function { get; }

    /// <summary>The arguments (one, or two for polygamma: order and argument).</summary>
    public ImmutableArray<Expr> Arguments { get; }

    /// <summary>The (last) argument the function acts on.</summary>
    public Expr Argument => Arguments[^1];

    private FunctionCall(FunctionKind function, ImmutableArray<Expr> arguments) : base(ComputeHash(function, arguments))
    {
        Function = function;
        Arguments = arguments;
    }

    private static int ComputeHash(FunctionKind function, ImmutableArray<Expr> arguments)
    {
        var h = new HashCode();
        h.Add(0xF0);
        h.Add(function);
        foreach (var a in arguments) h.Add(a);
        return h.ToHashCode();
    }

    internal override int Rank => 3;
    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => Arguments;
    private protected override bool StructurallyEquals(Expr other)
    {
        var o = (FunctionCall)other;
        return Function == o.Function && Arguments.SequenceEqual(o.Arguments);
    }

    /// <summary>The order n of a polygamma call.</summary>
    public int PolygammaOrder => Function == FunctionKind.Polygamma ? (int)((Number)Arguments[0]).Value.Numerator : -1;

    /// <summary>e^x.</summary>
    public static Expr Exp(Expr x) => Of(FunctionKind.Exp, x);
    /// <summary>log x.</summary>
    public static Expr Log(Expr x) => Of(FunctionKind.Log, x);
    /// <summary>|x|.</summary>
    public static Expr Abs(Expr x) => Of(FunctionKind.Abs, x);
    /// <summary>sign x.</summary>
    public static Expr Sign(Expr x) => Of(FunctionKind.Sign, x);
    /// <summary>tanh x.</summary>
    public static Expr Tanh(Expr x) => Of(FunctionKind.Tanh, x);
    /// <summary>σ(x).</summary>
    public static Expr Sigmoid(Expr x) => Of(FunctionKind.Sigmoid, x);
    /// <summary>logit p.</summary>
    public static Expr Logit(Expr x) => Of(FunctionKind.Logit, x);
    /// <summary>softplus x.</summary>
    public static Expr Softplus(Expr x) => Of(FunctionKind.Softplus, x);
    /// <summary>log Γ(x).</summary>
    public static Expr LogGamma(Expr x) => Of(FunctionKind.LogGamma, x);
    /// <summary>ψ(x).</summary>
    public static Expr Digamma(Expr x) => Polygamma(0, x);
    /// <summary>ψ′(x).</summary>
    public static Expr Trigamma(Expr x) => Polygamma(1, x);
    /// <summary>ψ⁽ⁿ⁾(x).</summary>
    public static Expr Polygamma(int n, Expr x) => Of(FunctionKind.Polygamma, Number.Of(n), x);
    /// <summary>√x, as x^(1/2).</summary>
    public static Expr Sqrt(Expr x) => Power.Of(x, Number.Half);
    /// <summary>Euler's number, as exp(1).</summary>
    public static Expr E => Exp(Number.One);

    /// <summary>The canonical call of <paramref name="function"/> on <paramref name="arguments"/>.</summary>
    /// <exception cref="SymbolicException">Wrong arity, or a polygamma order that is not a non-negative integer.</exception>
    public static Expr Of(FunctionKind function, params Expr[] arguments)
    {
        var arity = function == FunctionKind.Polygamma ? 2 : 1;
        if (arguments.Length != arity)
            throw new SymbolicException($"{Name(function)} takes {arity} argument{(arity == 1 ? "" : "s")}, not {arguments.Length}");
        var x = arguments[^1];
        switch (function)
        {
            case FunctionKind.Exp when x.IsZero: return Number.One;
            case FunctionKind.Log when x.IsOne: return Number.Zero;
            case FunctionKind.Log when x.IsZero: throw new SymbolicException("log(0) is not a real number");
            case FunctionKind.Log when x is FunctionCall { Function: FunctionKind.Exp } inner: return inner.Argument;
            case FunctionKind.Abs when x is Number n: return Number.Of(n.Value.Abs());
            case FunctionKind.Abs when x is FunctionCall { Function: FunctionKind.Abs }: return x;
            case FunctionKind.Abs when x is Product p && !p.Coefficient.IsOne:
                return Product.Of(Number.Of(p.Coefficient.Abs()), Abs(Product.Scale(p, Rational.One / p.Coefficient)));
            case FunctionKind.Sign when x is Number n: return Number.Of(n.Value.Sign);
            case FunctionKind.Sign when x is Product p && !p.Coefficient.IsOne:
                return Product.Of(Number.Of(p.Coefficient.Sign), Sign(Product.Scale(p, Rational.One / p.Coefficient)));
            case FunctionKind.Tanh when x.IsZero: return Number.Zero;
            case FunctionKind.Sigmoid when x.IsZero: return Number.Half;
            case FunctionKind.Logit when x is Number { Value: var v } && v == Rational.Half: return Number.Zero;
            case FunctionKind.Logit when x is FunctionCall { Function: FunctionKind.Sigmoid } inner: return inner.Argument;
            case FunctionKind.LogGamma when x is Number { Value: var v } && (v.IsOne || v == new Rational(2)): return Number.Zero;
            case FunctionKind.Polygamma:
                if (arguments[0] is not Number { Value: { IsInteger: true, Sign: >= 0 } order } || order.Numerator > 1000)
                    throw new SymbolicException("the order of polygamma must be a non-negative integer literal");
                break;
        }
        return new FunctionCall(function, [.. arguments]);
    }

    /// <summary>The name of a function in the expression language.</summary>
    public static string Name(FunctionKind function) => function switch
    {
        FunctionKind.Exp => "exp",
        FunctionKind.Log => "log",
        FunctionKind.Abs => "abs",
        FunctionKind.Sign => "sign",
        FunctionKind.Tanh => "tanh",
        FunctionKind.Sigmoid => "sigmoid",
        FunctionKind.Logit => "logit",
        FunctionKind.Softplus => "softplus",
        FunctionKind.LogGamma => "lgamma",
        FunctionKind.Polygamma => "polygamma",
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };
}
