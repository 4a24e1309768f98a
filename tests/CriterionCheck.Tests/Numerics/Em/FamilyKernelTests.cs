using CriterionCheck.Families;
using CriterionCheck.Numerics.Em;

namespace CriterionCheck.Tests.Numerics.Em;

/// <summary>
/// The written-out A, ∇A, ∇²A, H̃, T and log h of every built-in family against the family's own symbolic
/// form compiled (the oracle the written-out code must agree with), and ∇A, ∇²A against central
/// differences of A, at random natural parameters inside each family's domain.
/// </summary>
public class FamilyKernelTests
{
    public static TheoryData<string> BuiltIns => ["Bernoulli", "Binomial", "Poisson", "Categorical", "Normal", "Exponential", "Gamma", "Beta", "Laplace"];

    private static ExponentialFamily Family(string name) => name switch
    {
        "Binomial" => FamilyLibrary.Find(name)!.Instantiate([16, 1]),
        "Categorical" => FamilyLibrary.Find(name)!.Instantiate([4]),
        _ => FamilyLibrary.Find(name)!.Instantiate([.. FamilyLibrary.Find(name)!.Signature.Select(_ => 1)]),
    };

    // A natural parameter inside the family's domain (η₂ < 0 for a Normal, > −1 for Gamma's shape, …).
    private static double[] RandomEta(string name, Random r) => name switch
    {
        "Normal" => [4 * r.NextDouble() - 2, -(0.1 + 2 * r.NextDouble())],
        "Exponential" or "Laplace" => [-(0.1 + 3 * r.NextDouble())],
        "Gamma" => [-0.9 + 5 * r.NextDouble(), -(0.1 + 3 * r.NextDouble())],
        "Beta" => [-0.9 + 4 * r.NextDouble(), -0.9 + 4 * r.NextDouble()],
        "Categorical" => [.. Enumerable.Range(0, 3).Select(_ => 6 * r.NextDouble() - 3)],
        _ => [10 * r.NextDouble() - 5],
    };

    private static double[] RandomValue(string name, Random r) => name switch
    {
        "Bernoulli" => [r.Next(2)],
        "Binomial" => [r.Next(17)],
        "Poisson" => [r.Next(30)],
        "Categorical" => [r.Next(1, 5)],
        "Beta" => [0.05 + 0.9 * r.NextDouble()],
        "Gamma" or "Exponential" => [0.1 + 5 * r.NextDouble()],
        _ => [6 * r.NextDouble() - 3],
    };

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void Written_out_quantities_equal_the_compiled_symbolic_ones(string name)
    {
        var fast = new NaturalFamilyKernel(Family(name));
        Assert.True(fast.IsBuiltIn, $"{name} should have a written-out kernel");
        var slow = fast.Symbolic();
        Assert.False(slow.IsBuiltIn);
        var (bf, bs) = (fast.NewBuffers(), slow.NewBuffers());
        var random = new Random(name.Length);
        var k = fast.Natural;
        for (var trial = 0; trial < 20; trial++)
        {
            var eta = RandomEta(name, random);
            var (af, asl) = (fast.Partition(eta, bf), slow.Partition(eta, bs));
            Close(asl, af, $"{name} A at [{string.Join(", ", eta)}]");
            Close(bs.PseudoEntropy, bf.PseudoEntropy, $"{name} pseudo-entropy");
            for (var i = 0; i < k; i++) Close(bs.Gradient[i], bf.Gradient[i], $"{name} ∇A[{i}]");
            for (var i = 0; i < k * k; i++) Close(bs.Hessian[i], bf.Hessian[i], $"{name} ∇²A[{i}]");
            var value = RandomValue(name, random);
            var (tf, ts) = (new double[k], new double[k]);
            Close(slow.Statistics(value, ts, bs), fast.Statistics(value, tf, bf), $"{name} log h({value[0]})");
            for (var i = 0; i < k; i++) Close(ts[i], tf[i], $"{name} T[{i}]({value[0]})");
        }
    }

    [Theory]
    [MemberData(nameof(BuiltIns))]
    public void The_gradient_and_Hessian_of_A_match_central_differences(string name)
    {
        var kernel = new NaturalFamilyKernel(Family(name));
        var b = kernel.NewBuffers();
        var random = new Random(7 * name.Length);
        var k = kernel.Natural;
        for (var trial = 0; trial < 10; trial++)
        {
            var eta = RandomEta(name, random);
            kernel.Partition(eta, b);
            var (gradient, hessian) = ((double[])b.Gradient.Clone(), (double[])b.Hessian.Clone());
            for (var i = 0; i < k; i++)
            {
                const double h = 1e-5;
                var (plus, minus) = ((double[])eta.Clone(), (double[])eta.Clone());
                plus[i] += h;
                minus[i] -= h;
                var ap = kernel.Partition(plus, b);
                var gp = (double[])b.Gradient.Clone();
                var am = kernel.Partition(minus, b);
                Close((ap - am) / (2 * h), gradient[i], $"{name} ∂A/∂η{i + 1}", 1e-7);
                for (var j = 0; j < k; j++) Close((gp[j] - b.Gradient[j]) / (2 * h), hessian[j * k + i], $"{name} ∂²A/∂η{j + 1}∂η{i + 1}", 1e-6);
            }
        }
    }

    private static void Close(double expected, double actual, string what, double relative = 1e-11) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
}
