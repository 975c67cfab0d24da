# (strategy partial) At the end of the pre-copy, before the front holds the clients: criu writes $id's
# images into memory, a tmpfs mounted at $images, where the host has room for twice the copy shipped ahead
# (about their size). criu wrote redis's 700 MiB of pages there in 0.40-0.47 s, against 0.67-0.83 s on the
# host's disk (ext4), all of it inside the freeze. Without the room, or where mounting is refused, they go
# to disk. The cleanup and the rollback unmount it (partials/unmount-under.sh).
in_memory=no
room=$(( 2 * $(du -sb "$images.pre/base" | cut -f1) + (64 << 20) ))
avail=$(awk '/^MemAvailable:/ { print $2 * 1024 }' /proc/meminfo)
if (( avail > room + (256 << 20) )) && mount -t tmpfs -o "size=$room,mode=0700" ferry-images "$images"; then
  in_memory=yes
fi
out {{ keys.images_in_memory | q }}".$id" "$in_memory"
