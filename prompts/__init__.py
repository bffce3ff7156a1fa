"""Content (TOML data) and the knelpunt recogniser built from it."""

import os

# The recogniser's vectors are small: BLAS threads would only compete with the listener
# threads (and on a busy two-core machine made training ten times slower). Set before numpy
# is first imported; an operator's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
