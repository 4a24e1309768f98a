"""What a researcher would otherwise run: scikit-learn, for side-by-side timings with `numeric`.

  compare.py gmm N C D COVARIANCE ITERATIONS  GaussianMixture on synthetic data of that shape (a random
                                              mixture, seed 0) for exactly ITERATIONS EM iterations
                                              (tol = 0)
  compare.py iris FILE C                      GaussianMixture, full covariances, best of 10
                                              initialisations, run to convergence
  compare.py pca FILE H                       PCA(H): the probabilistic-PCA maximum likelihood (closed form)
  compare.py fa FILE H                        FactorAnalysis(H) run to convergence (exact SVD, not the
                                              randomized default, which ends 0.009 lower on digits)

Each prints: seconds for the fit, the mean log-likelihood per data point, iterations.
Run with Debian's python3-sklearn, e.g. /usr/bin/python3 bench/sklearn/compare.py gmm 100000 16 16 full 30
"""
import sys
import time
import warnings

import numpy as np
from sklearn.decomposition import PCA, FactorAnalysis
from sklearn.mixture import GaussianMixture


def synthetic(n, c, d, seed=0):
    rng = np.random.default_rng(seed)
    means = rng.normal(0, 3, size=(c, d))
    roots = rng.normal(0, 1, size=(c, d, d)) / np.sqrt(d)
    labels = rng.integers(0, c, size=n)
    noise = rng.normal(size=(n, d))
    return means[labels] + np.einsum("nij,nj->ni", roots[labels], noise) + 0.1 * rng.normal(size=(n, d))


def load(path):
    return np.loadtxt(path, delimiter=",", skiprows=1)


def fit(model, x):
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "did not converge": tol = 0 asks for exactly ITERATIONS steps
        model.fit(x)
    seconds = time.perf_counter() - start
    iterations = getattr(model, "n_iter_", 0)
    print(f"{seconds:.3f} {model.score(x):.10f} {iterations}")


def main(args):
    if args[:1] == ["gmm"] and len(args) == 6:
        n, c, d, covariance, iterations = int(args[1]), int(args[2]), int(args[3]), args[4], int(args[5])
        fit(GaussianMixture(n_components=c, covariance_type=covariance, max_iter=iterations, tol=0.0, random_state=0), synthetic(n, c, d))
    elif args[:1] == ["iris"] and len(args) == 3:
        fit(GaussianMixture(n_components=int(args[2]), covariance_type="full", n_init=10, tol=1e-12, max_iter=10000,
                            reg_covar=0.0, random_state=0), load(args[1]))
    elif args[:1] == ["pca"] and len(args) == 3:
        fit(PCA(n_components=int(args[2]), svd_solver="full"), load(args[1]))
    elif args[:1] == ["fa"] and len(args) == 3:
        fit(FactorAnalysis(n_components=int(args[2]), tol=1e-12, max_iter=100000, svd_method="lapack", random_state=0), load(args[1]))
    else:
        raise SystemExit(__doc__)


main(sys.argv[1:])
