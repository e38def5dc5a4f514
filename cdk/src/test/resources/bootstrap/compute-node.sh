#!/bin/bash
# test bootstrap: the real one lives in slurm-shims/src/main/resources/bootstrap/
echo "spotburst test bootstrap"
