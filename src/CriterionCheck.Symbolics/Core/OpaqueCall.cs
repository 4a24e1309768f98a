using System.Collections.Immutable;

namespace CriterionCheck.Symbolics.Core;

/// <summary>
/// A call of a function the engine knows only by name, such as a decoder network <c>f(z; w)</c>:
/// arguments before the semicolon are inputs, those after it are parameters. Differentiating it gives
/// a derivative atom — the same call with <see cref="Derivatives"/> recording ∂/∂(argument k) —
/// written <c>f'[k](z; w)</c>.
/// </summary>
public sealed class OpaqueCall : Expr
{
    /// <summary>The function's name.</summary>
    public string Name { get; }

    /// <summary>Index expressions for a vector-valued function (<c>f[d](z; w)</c>), usually empty.</summary>
    public ImmutableArray<Expr> Indices { get; }

    /// <summary>All arguments, inputs first, then parameters.</summary>
    public ImmutableArray<Expr> Arguments { get; }

    /// <summary>How many of <see cref="Arguments"/> are inputs (before the semicolon).</summary>
    public int InputCount { get; }

    /// <summary>The 1-based argument positions differentiated by, sorted; empty for the function itself.</summary>
    public ImmutableArray<int> Derivatives { get; }

    private OpaqueCall(string name, ImmutableArray<Expr> indices, ImmutableArray<Expr> arguments, int inputCount, ImmutableArray<int> derivatives)
        : base(ComputeHash(name, indices, arguments, inputCount, derivatives))
    {
        Name = name;
        Indices = indices;
        Arguments = arguments;
        InputCount = inputCount;
        Derivatives = derivatives;
    }

    private static int ComputeHash(string name, ImmutableArray<Expr> indices, ImmutableArray<Expr> arguments, int inputCount, ImmutableArray<int> derivatives)
    {
        var h = new HashCode();
        h.Add(0x0C);
        h.Add(name, StringComparer.Ordinal);
        foreach (var i in indices) h.Add(i);
        foreach (var a in arguments) h.Add(a);
        h.Add(inputCount);
        foreach (var d in derivatives) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>The call <c>name[indices](inputs; parameters)</c>, or its derivative atom.</summary>
    /// <exception cref="SymbolicException">A derivative position outside the argument list.</exception>
    public static OpaqueCall Of(string name, IEnumerable<Expr> indices, IEnumerable<Expr> arguments, int inputCount, IEnumerable<int>? derivatives = null)
    {
        ImmutableArray<Expr> args = [.. arguments];
        if (inputCount < 0 || inputCount > args.Length) throw new ArgumentOutOfRangeException(nameof(inputCount));
        var ds = (derivatives ?? []).Order().ToImmutableArray();
        foreach (var d in ds)
            if (d < 1 || d > args.Length)
                throw new SymbolicException($"{name} has {args.Length} argument{(args.Length == 1 ? "" : "s")}; it has no argument {d} to differentiate by");
        return new OpaqueCall(name, [.. indices], args, inputCount, ds);
    }

    /// <summary>This call differentiated once more by argument <paramref name="position"/> (1-based).</summary>
    public OpaqueCall Differentiate(int position) => Of(Name, Indices, Arguments, InputCount, [.. Derivatives, position]);

    /// <summary>This call with other arguments (and indices), keeping the derivative record.</summary>
    public OpaqueCall With(IEnumerable<Expr> indices, IEnumerable<Expr> arguments) => Of(Name, indices, arguments, InputCount, Derivatives);

    internal override int Rank => 4;
    /// <inheritdoc/>
    public override IReadOnlyList<Expr> Children => [.. Indices, .. Arguments];
    private protected override bool StructurallyEquals(Expr other)
    {
        var o = (OpaqueCall)other;
        return string.Equals(Name, o.Name, StringComparison.Ordinal) && InputCount == o.InputCount
            && Indices.SequenceEqual(o.Indices) && Arguments.SequenceEqual(o.Arguments) && Derivatives.SequenceEqual(o.Derivatives);
    }
}
