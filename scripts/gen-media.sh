#!/usr/bin/env bash
# gen-media.sh regenerates the small media files under testdata/media/ that
# the validate/media tests inspect. The outputs are committed, so the tests
# never need ffmpeg; run this only to change or add a file, then review the
# table test in validate/media/inspect_test.go and testdata/media/README.md.
#
# Needs Debian's ffmpeg and webp tools (apt-get install -y ffmpeg webp) and
# coreutils (dd, od, head, sha256sum, stat). Debian's ffmpeg has no AMR
# encoder (libopencore_amrnb is built for decoding only), so the AMR file is
# written by hand: a valid AMR-NB storage file of 12.2 kbit/s frames.
set -euo pipefail

cd "$(dirname "$0")/../testdata/media"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Quiet, reproducible ffmpeg: no encoder version strings, no metadata.
ff() {
	ffmpeg -hide_banner -loglevel error -y "$@"
}
bitexact=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1)
video=(-f lavfi -i testsrc=size=64x64:rate=10:duration=1)
tone=(-f lavfi -i sine=frequency=440:duration=1:sample_rate=16000)
h264=(-c:v libx264 -preset veryfast -crf 40 -pix_fmt yuv420p)
aac=(-c:a aac -b:a 16k -ac 1)

# u32 FILE OFFSET prints the big-endian 32-bit integer at OFFSET.
u32() {
	local b
	read -r -a b < <(od -An -tu1 -j "$2" -N4 "$1")
	echo $(((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]))
}

# find_box FILE TYPE prints the offset of the top-level box TYPE.
find_box() {
	local file=$1 want=$2 off=0 size total
	total=$(stat -c %s "$file")
	while ((off + 8 <= total)); do
		size=$(u32 "$file" "$off")
		if [[ $(dd if="$file" bs=1 skip=$((off + 4)) count=4 status=none) == "$want" ]]; then
			echo "$off"
			return
		fi
		((size >= 8)) || return 1
		off=$((off + size))
	done
	return 1
}

# put FILE OFFSET HEX overwrites bytes at OFFSET with the hex string HEX.
put() {
	printf "$(sed 's/../\\x&/g' <<<"$3")" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

# --- ISO-BMFF: MP4, 3GPP, M4A, QuickTime -----------------------------------
ff "${video[@]}" "${tone[@]}" "${h264[@]}" "${aac[@]}" -shortest -movflags +faststart "${bitexact[@]}" video_h264_aac.mp4
ff "${video[@]}" "${tone[@]}" "${h264[@]}" "${aac[@]}" -shortest "${bitexact[@]}" video_h264_aac_moov_end.mp4
ff "${video[@]}" "${h264[@]}" -an -movflags +faststart "${bitexact[@]}" video_h264_noaudio.mp4
ff "${video[@]}" "${tone[@]}" -c:v libx265 -preset ultrafast -crf 45 -pix_fmt yuv420p -tag:v hvc1 \
	-x265-params log-level=error "${aac[@]}" -shortest -movflags +faststart "${bitexact[@]}" video_hevc_aac.mp4
ff "${video[@]}" "${tone[@]}" "${h264[@]}" -c:a libmp3lame -b:a 16k -ac 1 -shortest -movflags +faststart \
	"${bitexact[@]}" video_h264_mp3.mp4
ff "${video[@]}" "${tone[@]}" "${h264[@]}" "${aac[@]}" -shortest -movflags +frag_keyframe+empty_moov+default_base_moof \
	"${bitexact[@]}" video_h264_aac_fragmented.mp4
ff "${video[@]}" "${tone[@]}" "${h264[@]}" "${aac[@]}" -shortest -f mov "${bitexact[@]}" video_h264_aac.mov
ff "${video[@]}" "${tone[@]}" "${h264[@]}" -c:a aac -b:a 16k -ac 1 -ar 8000 -shortest -f 3gp "${bitexact[@]}" video_h264_aac.3gp
ff "${tone[@]}" "${aac[@]}" -f ipod "${bitexact[@]}" audio_aac.m4a
ff "${tone[@]}" -c:a libopus -b:a 12k -ac 1 -f mp4 "${bitexact[@]}" audio_opus.mp4

# AMR-NB by hand: the "#!AMR\n" magic, then 50 frames of 20 ms (1 s). Each
# 12.2 kbit/s frame is a header byte 0x3C (mode 7, quality bit set) and 31
# bytes of speech bits; zero bits decode to near silence.
{
	printf '#!AMR\n'
	for _ in $(seq 50); do
		printf '\x3c'
		head -c 31 /dev/zero
	done
} >audio.amr
# 3GPP with H.263 video and the AMR track copied in: the samr sample entry.
ff -f lavfi -i testsrc=size=128x96:rate=10:duration=1 -i audio.amr -c:v h263 -q:v 20 -c:a copy \
	-shortest -f 3gp "${bitexact[@]}" video_h263_amr.3gp

# --- Other audio --------------------------------------------------------------
ff "${tone[@]}" -c:a libmp3lame -b:a 16k -ac 1 "${bitexact[@]}" audio.mp3
ff "${tone[@]}" "${aac[@]}" -f adts "${bitexact[@]}" audio_adts.aac
ff "${tone[@]}" -c:a libopus -b:a 12k -ac 1 "${bitexact[@]}" audio_opus.ogg
ff "${tone[@]}" -c:a libvorbis -q:a 0 -ac 1 "${bitexact[@]}" audio_vorbis.ogg

# --- Images and stickers ------------------------------------------------------
ff -f lavfi -i testsrc=size=64x48 -frames:v 1 -q:v 10 "${bitexact[@]}" image_64x48.jpg
ff -f lavfi -i testsrc=size=64x48 -frames:v 1 "${bitexact[@]}" image_64x48.png
ff -f lavfi -i testsrc=size=512x512 -frames:v 1 "$tmp/512.png"
ff -f lavfi -i testsrc=size=300x200 -frames:v 1 "$tmp/300x200.png"
ff -f lavfi -i 'color=c=red@0.5:size=300x200,format=rgba' -frames:v 1 "$tmp/alpha.png"
cwebp -quiet -q 30 "$tmp/512.png" -o sticker_512.webp               # VP8 (lossy)
cwebp -quiet -lossless -z 9 "$tmp/300x200.png" -o image_300x200.webp # VP8L (lossless)
cwebp -quiet -q 30 -exact "$tmp/alpha.png" -o image_alpha_300x200.webp # VP8X + ALPH, static
for i in 0 1 2 3; do
	ff -f lavfi -i "testsrc=size=512x512:rate=1:duration=4" -vf "select=eq(n\,$i)" -frames:v 1 "$tmp/f$i.png"
done
img2webp -loop 0 -lossy -q 20 -d 250 "$tmp"/f0.png "$tmp"/f1.png "$tmp"/f2.png "$tmp"/f3.png -o sticker_animated_512.webp 2>/dev/null

# --- Documents ----------------------------------------------------------------
# A one-page PDF written by hand; the xref offsets are computed, not guessed.
{
	objs=(
		'<< /Type /Catalog /Pages 2 0 R >>'
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>'
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'
		'<< /Length 41 >>
stream
BT /F1 18 Tf 20 40 Td (walint test) Tj ET
endstream'
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
	)
	out='%PDF-1.4'$'\n'
	offsets=()
	for i in "${!objs[@]}"; do
		offsets+=("${#out}")
		out+="$((i + 1)) 0 obj"$'\n'"${objs[$i]}"$'\n'"endobj"$'\n'
	done
	xref=${#out}
	out+="xref"$'\n'"0 $((${#objs[@]} + 1))"$'\n'"0000000000 65535 f "$'\n'
	for o in "${offsets[@]}"; do
		out+=$(printf '%010d 00000 n ' "$o")$'\n'
	done
	out+="trailer"$'\n'"<< /Size $((${#objs[@]} + 1)) /Root 1 0 R >>"$'\n'"startxref"$'\n'"$xref"$'\n'"%%EOF"$'\n'
	printf '%s' "$out"
} >document.pdf

# --- Damaged variants ---------------------------------------------------------
# Cut in the middle of moov (faststart puts moov right after ftyp).
moov=$(find_box video_h264_aac.mp4 moov)
head -c $((moov + $(u32 video_h264_aac.mp4 "$moov") / 2)) video_h264_aac.mp4 >truncated_moov.mp4

# A 64-bit mdat size, the way ffmpeg itself upgrades a >4 GiB mdat: the
# 8-byte free box before mdat and mdat's 32-bit header become one 16-byte
# header (size 1, "mdat", 64-bit size), so no sample offset moves.
cp video_h264_aac_moov_end.mp4 video_h264_aac_mdat64.mp4
mdat=$(find_box video_h264_aac_mdat64.mp4 mdat)
free=$((mdat - 8))
[[ $(dd if=video_h264_aac_mdat64.mp4 bs=1 skip=$((free + 4)) count=4 status=none) == free ]]
put video_h264_aac_mdat64.mp4 "$free" "000000016d646174$(printf '%016x' $(($(u32 video_h264_aac_mdat64.mp4 "$mdat") + 8)))"

# mdat with size 0 ("extends to the end of the file"); it is the last box
# when moov comes first.
cp video_h264_aac.mp4 video_h264_aac_mdat0.mp4
put video_h264_aac_mdat0.mp4 "$(find_box video_h264_aac_mdat0.mp4 mdat)" 00000000

# The first trak's size set to 3, smaller than a box header: the walk of moov
# must stop there and report the damage, keeping mvhd's duration.
cp video_h264_aac.mp4 corrupt_boxsize.mp4
moov=$(find_box corrupt_boxsize.mp4 moov)
off=$((moov + 8))
while [[ $(dd if=corrupt_boxsize.mp4 bs=1 skip=$((off + 4)) count=4 status=none) != trak ]]; do
	off=$((off + $(u32 corrupt_boxsize.mp4 "$off")))
done
put corrupt_boxsize.mp4 "$off" 00000003

# 2 KiB of deterministic noise: chained SHA-256 digests.
{
	h=walint
	for _ in $(seq 64); do
		h=$(printf '%s' "$h" | sha256sum | cut -c1-64)
		printf "$(sed 's/../\\x&/g' <<<"$h")"
	done
} >garbage.bin

ls -l
