#!/usr/bin/env bash
# Renders the prompt texts of this folder into audio Asterisk plays:
#   prompts/<language>/<name>.txt  ->  OUT_DIR/custom/<language>/<name>.wav
#   prompts/<name>.txt             ->  OUT_DIR/custom/<name>.wav   (lines "<language>: text", one
#                                      recording in several languages, e.g. choose-language)
# with espeak-ng (one voice per language) and sox: 8 kHz, mono, 16 bit, which Asterisk's format_wav
# plays. With OUT_DIR = Asterisk's sounds directory (/var/lib/asterisk/sounds, on Debian
# /usr/share/asterisk/sounds), "STREAM FILE custom/de/main-menu" finds custom/de/main-menu.wav.
# Lines starting with # are comments. A file is rendered again only when its text or this script is
# newer than it, so a second run is quick. Installs nothing: it needs espeak-ng and sox
# (Debian/Ubuntu: apt-get install espeak-ng sox; Alpine: apk add espeak-ng sox).
#
# Usage: prompts/render.sh OUT_DIR
set -euo pipefail

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
	echo "usage: $0 OUT_DIR (e.g. /var/lib/asterisk/sounds)" >&2
	exit 2
fi
for tool in espeak-ng sox; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "$0: $tool is not installed; install espeak-ng and sox (apt-get install espeak-ng sox)" >&2
		exit 1
	fi
done

here=$(cd "$(dirname "$0")" && pwd)
script="$here/$(basename "$0")"
out=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# espeak-ng's voice for each language code the flows use
voice() {
	case "$1" in
		en) echo en-us ;;
		fr) echo fr-fr ;;
		*) echo "$1" ;;
	esac
}

# speak LANGUAGE TEXT TARGET: one text in one voice, as 8 kHz mono 16-bit WAV
speak() {
	local raw="$work/raw.wav"
	espeak-ng -v "$(voice "$1")" -s 150 -w "$raw" -- "$2"
	sox "$raw" -r 8000 -c 1 -b 16 -e signed-integer "$3"
}

# the text of a prompt file without comment lines, on one line
text_of() {
	grep -v '^[[:space:]]*#' "$1" | tr '\n' ' ' | sed 's/[[:space:]]\+/ /g; s/^ //; s/ $//'
}

fresh() {
	[ -s "$1" ] && [ "$1" -nt "$2" ] && [ "$1" -nt "$script" ]
}

rendered=0
kept=0
for text in "$here"/*/*.txt; do
	[ -e "$text" ] || continue
	language=$(basename "$(dirname "$text")")
	name=$(basename "$text" .txt)
	target="$out/custom/$language/$name.wav"
	if fresh "$target" "$text"; then
		kept=$((kept + 1))
		continue
	fi
	words=$(text_of "$text")
	if [ -z "$words" ]; then
		echo "$0: $text has no text" >&2
		exit 1
	fi
	mkdir -p "$(dirname "$target")"
	speak "$language" "$words" "$work/prompt.wav"
	mv "$work/prompt.wav" "$target"
	rendered=$((rendered + 1))
done

for text in "$here"/*.txt; do
	[ -e "$text" ] || continue
	name=$(basename "$text" .txt)
	[ "$name" = core-sounds ] && continue
	target="$out/custom/$name.wav"
	if fresh "$target" "$text"; then
		kept=$((kept + 1))
		continue
	fi
	parts=()
	n=0
	while IFS= read -r line; do
		case "$line" in '' | '#'*) continue ;; esac
		language=${line%%:*}
		words=${line#*:}
		if [ "$language" = "$line" ] || [ -z "${words// /}" ]; then
			echo "$0: $text: expected '<language>: text', got: $line" >&2
			exit 1
		fi
		n=$((n + 1))
		speak "$language" "$words" "$work/part$n.wav"
		# a short pause between the languages
		sox "$work/part$n.wav" "$work/paused$n.wav" pad 0 0.4
		parts+=("$work/paused$n.wav")
	done <"$text"
	if [ "$n" -eq 0 ]; then
		echo "$0: $text has no '<language>: text' lines" >&2
		exit 1
	fi
	mkdir -p "$(dirname "$target")"
	if [ "$n" -eq 1 ]; then
		cp "${parts[0]}" "$work/prompt.wav"
	else
		sox "${parts[@]}" "$work/prompt.wav"
	fi
	mv "$work/prompt.wav" "$target"
	rendered=$((rendered + 1))
done

echo "prompts: $rendered rendered, $kept up to date, in $out/custom"
