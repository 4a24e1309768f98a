using System.Reflection;
using CriterionCheck.Symbolics.Core;
using Linq = System.Linq.Expressions;

namespace CriterionCheck.Symbolics.Evaluation;

/// <summary>
/// Several expressions compiled together into one delegate that reads symbol values from an array and
/// writes the results into another. Numeric training evaluates the same log-densities and Jacobians
/// millions of times; walking the tree each time (<see cref="Evaluator"/>) would dominate. Shared
/// sub-expressions are computed once per call. The values agree with <see cref="Evaluator"/> (tested).
/// </summary>
public sealed class CompiledFunction
{
    private readonly Action<double[], double[]> run;

    private CompiledFunction(Action<double[], double[]> run, int outputs)
    {
        this.run = run;
        OutputCount = outputs;
    }

    /// <summary>How many values <see cref="Evaluate"/> writes.</summary>
    public int OutputCount { get; }

    /// <summary>
    /// Compiles <paramref name="outputs"/>; a symbol's value is read from the input array at the position
    /// <paramref name="slots"/> gives it.
    /// </summary>
    /// <exception cref="SymbolicException">A symbol without a slot, or an opaque call (substitute bodies first).</exception>
    public static CompiledFunction Compile(IReadOnlyList<Expr> outputs, IReadOnlyDictionary<Symbol, int> slots)
    {
        var input = Linq.Expression.Parameter(typeof(double[]), "input");
        var output = Linq.Expression.Parameter(typeof(double[]), "output");
        var emitter = new Emitter(input, slots, outputs);
        var statements = new List<Linq.Expression>();
        for (var i = 0; i < outputs.Count; i++)
        {
            var value = emitter.Emit(outputs[i]);
            emitter.Flush(statements);
            statements.Add(Linq.Expression.Assign(Linq.Expression.ArrayAccess(output, Linq.Expression.Constant(i)), value));
        }
        statements.Add(Linq.Expression.Empty());
        var body = Linq.Expression.Block(emitter.Variables, statements);
        return new CompiledFunction(Linq.Expression.Lambda<Action<double[], double[]>>(body, input, output).Compile(), outputs.Count);
    }

    /// <summary>Writes the values at the symbol values <paramref name="input"/> into <paramref name="output"/>.</summary>
    public void Evaluate(double[] input, double[] output) => run(input, output);

    private sealed class Emitter
    {
        private static readonly MethodInfo Exp = typeof(Math).GetMethod(nameof(Math.Exp))!;
        private static readonly MethodInfo Log = typeof(Math).GetMethod(nameof(Math.Log), [typeof(double)])!;
        private static readonly MethodInfo Abs = typeof(Math).GetMethod(nameof(Math.Abs), [typeof(double)])!;
        private static readonly MethodInfo Tanh = typeof(Math).GetMethod(nameof(Math.Tanh))!;
        private static readonly MethodInfo Sqrt = typeof(Math).GetMethod(nameof(Math.Sqrt))!;
        private static readonly MethodInfo Pow = typeof(Math).GetMethod(nameof(Math.Pow))!;
        private static readonly MethodInfo Invert = typeof(MatrixValues).GetMethod(nameof(MatrixValues.InverseAndLogDeterminant))!;
        private static readonly MethodInfo Apply = typeof(Evaluator).GetMethod(nameof(Evaluator.Apply))!;

        private readonly Linq.ParameterExpression input;
        private readonly IReadOnlyDictionary<Symbol, int> slots;
        private readonly Dictionary<Expr, int> uses = [];
        private readonly Dictionary<Expr, Linq.ParameterExpression> named = [];
        private readonly List<Linq.Expression> pending = [];
        private readonly Dictionary<Expr, Linq.ParameterExpression> matrices = [];

        public Emitter(Linq.ParameterExpression input, IReadOnlyDictionary<Symbol, int> slots, IReadOnlyList<Expr> outputs)
        {
            this.input = input;
            this.slots = slots;
            foreach (var e in outputs) Count(e);
        }

        public List<Linq.ParameterExpression> Variables { get; } = [];

        public void Flush(List<Linq.Expression> statements)
        {
            statements.AddRange(pending);
            pending.Clear();
        }

        // Nodes used more than once (within or across outputs) get a local variable.
        private void Count(Expr e)
        {
            if (e is Number or Constant or Symbol) return;
            var seen = uses.TryGetValue(e, out var n);
            uses[e] = n + 1;
            if (seen) return;
            foreach (var c in e.Children) Count(c);
        }

        public Linq.Expression Emit(Expr e)
        {
            if (named.TryGetValue(e, out var known)) return known;
            var value = Build(e);
            if (!uses.TryGetValue(e, out var n) || n < 2) return value;
            var variable = Linq.Expression.Variable(typeof(double));
            Variables.Add(variable);
            pending.Add(Linq.Expression.Assign(variable, value));
            named[e] = variable;
            return variable;
        }

        private Linq.Expression Build(Expr e)
        {
            switch (e)
            {
                case Number n: return Linq.Expression.Constant(n.Value.ToDouble());
                case Constant c: return Linq.Expression.Constant(c.Value);
                case Symbol s:
                    return slots.TryGetValue(s, out var slot)
                        ? Linq.Expression.ArrayIndex(input, Linq.Expression.Constant(slot))
                        : throw new SymbolicException($"no value given for {s}");
                case Sum sum:
                {
                    Linq.Expression acc = sum.Constant.IsZero ? Emit(sum.Terms[0]) : Linq.Expression.Constant(sum.Constant.ToDouble());
                    foreach (var t in sum.Constant.IsZero ? sum.Terms.Skip(1) : sum.Terms) acc = Linq.Expression.Add(acc, Emit(t));
                    return acc;
                }
                case Product p:
                {
                    Linq.Expression acc = p.Coefficient.IsOne ? Emit(p.Factors[0]) : Linq.Expression.Constant(p.Coefficient.ToDouble());
                    foreach (var f in p.Coefficient.IsOne ? p.Factors.Skip(1) : p.Factors) acc = Linq.Expression.Multiply(acc, Emit(f));
                    return acc;
                }
                case Power p: return BuildPower(p);
                case FunctionCall f:
                {
                    var x = Emit(f.Argument);
                    return f.Function switch
                    {
                        FunctionKind.Exp => Linq.Expression.Call(Exp, x),
                        FunctionKind.Log => Linq.Expression.Call(Log, x),
                        FunctionKind.Abs => Linq.Expression.Call(Abs, x),
                        FunctionKind.Tanh => Linq.Expression.Call(Tanh, x),
                        _ => Linq.Expression.Call(Apply, Linq.Expression.Constant(f), x),
                    };
                }
                case MatrixFunction m:
                {
                    var at = m.Kind == MatrixFunctionKind.InverseEntry ? m.Row * m.Side + m.Column : m.Side * m.Side;
                    return Linq.Expression.ArrayIndex(Matrix(m), Linq.Expression.Constant(at));
                }
                case OpaqueCall o: throw new SymbolicException($"the opaque function {o.Name} has no concrete body to compile");
                case IndexedSum: throw new SymbolicException("a sum over a symbolic range is compiled at concrete sizes only");
                default: throw new InvalidOperationException("unknown expression node " + e.GetType().Name);
            }
        }

        // One inversion per distinct matrix and call, shared by all its inverse entries and its log det.
        private Linq.ParameterExpression Matrix(MatrixFunction m)
        {
            var key = MatrixFunction.LogDeterminantKey(m);
            if (matrices.TryGetValue(key, out var known)) return known;
            var entries = m.Entries.Select(Emit).ToArray();
            var variable = Linq.Expression.Variable(typeof(double[]));
            Variables.Add(variable);
            pending.Add(Linq.Expression.Assign(variable,
                Linq.Expression.Call(Invert, Linq.Expression.NewArrayInit(typeof(double), entries), Linq.Expression.Constant(m.Side))));
            matrices[key] = variable;
            return variable;
        }

        private Linq.Expression BuildPower(Power p)
        {
            var b = Emit(p.Base);
            if (p.Exponent is Number { Value: var r })
            {
                if (r == Rational.Half) return Linq.Expression.Call(Sqrt, b);
                if (r == -Rational.Half) return Linq.Expression.Divide(Linq.Expression.Constant(1.0), Linq.Expression.Call(Sqrt, b));
                if (r.IsInteger && r.Numerator == 2) return Linq.Expression.Multiply(b, b);
                if (r.IsInteger && r.Numerator == -1) return Linq.Expression.Divide(Linq.Expression.Constant(1.0), b);
                if (r.IsInteger && r.Numerator == -2) return Linq.Expression.Divide(Linq.Expression.Constant(1.0), Linq.Expression.Multiply(b, b));
            }
            return Linq.Expression.Call(Pow, b, Emit(p.Exponent));
        }
    }
}
