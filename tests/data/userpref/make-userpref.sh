#!/bin/sh
# Regenerate the Blender preferences fixture (see README.md in this folder).
# Needs Blender 3.4.x; takes a few seconds.
#
#   tests/data/userpref/make-userpref.sh      (from anywhere; BLENDER=... to override)
set -eu
cd "$(dirname "$0")"
BLENDER=${BLENDER:-blender}

# A throwaway home at a fixed path: Blender derives its default "User
# Library" from the home folder, and must not touch the real ~/.config.
FAKE_HOME=/tmp/trove-userpref-home
rm -rf "$FAKE_HOME" config
mkdir -p "$FAKE_HOME"
export HOME="$FAKE_HOME"
export XDG_CONFIG_HOME="$FAKE_HOME/.config"
export XDG_CACHE_HOME="$FAKE_HOME/.cache"
export XDG_DATA_HOME="$FAKE_HOME/.local/share"
# BLENDER_USER_CONFIG replaces `$XDG_CONFIG_HOME/blender/<version>/config`:
# Blender then reads and writes `config/userpref.blend` here.
export BLENDER_USER_CONFIG="$PWD/config"
export BLENDER_USER_SCRIPTS="$FAKE_HOME/scripts"
export BLENDER_USER_DATAFILES="$FAKE_HOME/datafiles"

# Write the preferences from factory settings...
"$BLENDER" -b --factory-startup --python-exit-code 1 --python make-userpref.py -- make
# ...then let a fresh Blender load them at startup, as it does for a user,
# and report what it sees: that is the oracle.
"$BLENDER" -b --python-exit-code 1 --python make-userpref.py -- report expected.json

rm -rf "$FAKE_HOME"
