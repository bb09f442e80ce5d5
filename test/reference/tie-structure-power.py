"""Critical tie counts of the tie-structure test (src/diagnose/discover/tie-structure.ts) for the
edge tests of test/diagnose-chance.test.ts, from scipy (not our code).

Economy: G industry groups, every ordered pair (a, b) (a = b included) joined by exactly r
random-looking ties; x extra ties are planted on one pair A -> B. Then O = r + x,
Out(A) = In(B) = G r + x, L = G^2 r + x, E = Out(A) In(B) / L; m = G^2 pairs tested.
Significant when P(X >= O | Poisson(E)) <= alpha / m and O >= lift * E and O >= 2.
Prints the smallest x that is significant, with E and the tail at x - 1 and x.
Run: /usr/bin/python3 test/reference/tie-structure-power.py
"""
import scipy
from scipy.stats import poisson

def critical(G, r, alpha=0.05, lift=2.0):
    m = G * G
    for x in range(0, 10000):
        O = r + x
        E = (G * r + x) ** 2 / (G * G * r + x)
        p = poisson.sf(O - 1, E)
        if O >= 2 and O >= lift * E and p <= alpha / m:
            return x, E, p
    return None

print('scipy', scipy.__version__)
for G, r in [(16, 3), (16, 1), (8, 2)]:
    x, E, p = critical(G, r)
    O0 = r + x - 1
    E0 = (G * r + x - 1) ** 2 / (G * G * r + x - 1)
    print(f'G={G} r={r}: x*={x} (O={r + x}, E={E:.6f}, p={p:.6e}); x*-1: O={O0}, E={E0:.6f}, p={poisson.sf(O0 - 1, E0):.6e}, lift ok={O0 >= 2 * E0}')

# The power table of docs/diagnosis.md: the ties a stage pair needs, O*(E, m) = the smallest O with
# O >= 2, O >= 2 E and P(X >= O | Poisson(E)) <= 0.05 / m, for the pair's chance level E (taken as
# fixed; the chain's own ties raise E slightly) and m pairs tested.
print('E \\ m: 100, 10000, 250000')
for E in [0.01, 0.1, 0.5, 1, 2, 5, 10, 20, 50]:
    row = []
    for m in [100, 10000, 250000]:
        O = 2
        while not (O >= 2 * E and poisson.sf(O - 1, E) <= 0.05 / m):
            O += 1
        row.append(O)
    print(E, row)
