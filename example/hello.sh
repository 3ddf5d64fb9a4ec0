#!/bin/sh
echo "Hello from Kiln: built for @PLATFORM@, and its RUN step executed on @MACHINE@."
