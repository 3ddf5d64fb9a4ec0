#!/bin/sh
echo "built by the cache benchmark"
