# SPDX-License-Identifier: GPL-2.0
# A private apt configuration (own sources list, lists and cache under
# $DT_CACHE/apt-NAME) for packages of other suites of the Debian mirror
# this machine already uses.  The system's apt sources are never touched.
# Sourced after lib.sh.

DT_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

# dt_mirror_uri_from_apt: the URI of the archive the machine uses for its own release
# (not the security archive), from one-line and deb822 sources.
dt_mirror_uri_from_apt() {
	local codename
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$codename" ] || return 1
	{
		cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
			sed -E 's/#.*//; s/\[[^]]*\]//' |
			awk -v c="$codename" '$1 == "deb" && $3 == c { print $2 }'
		for f in /etc/apt/sources.list.d/*.sources; do
			[ -f "$f" ] || continue
			# one stanza per paragraph: print its URIs if its suites
			# include the release and its types include deb
			awk -v c="$codename" '
				function flush() {
					if (deb && suite) for (i in u) print u[i]
					deb = 0; suite = 0; delete u
				}
				/^[ \t]*#/ { next }
				/^[ \t]*$/ { flush(); next }
				tolower($1) == "types:" { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
				tolower($1) == "uris:" { for (i = 2; i <= NF; i++) u[i] = $i }
				tolower($1) == "suites:" { for (i = 2; i <= NF; i++) if ($i == c) suite = 1 }
				tolower($1) == "enabled:" && tolower($2) == "no" { deb = 0 }
				END { flush() }' "$f"
		done
	} | grep -v -- '-security' | head -n1
}

# dt_mirror_uri: DT_MIRROR if set, else the machine's own mirror.
dt_mirror_uri() {
	local uri=${DT_MIRROR:-}
	[ -n "$uri" ] || uri=$(dt_mirror_uri_from_apt)
	[ -n "$uri" ] || dt_die "found no Debian mirror in /etc/apt; set DT_MIRROR to one"
	echo "$uri"
}

# dt_private_apt NAME LINE...: write the sources LINEs into a private
# configuration, update its lists, and set DT_APTOPTS for apt-get and
# apt-cache to use it.
dt_private_apt() {
	local dir=$DT_CACHE/apt-$1
	shift
	mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/sources.list.d"
	printf '%s\n' "$@" > "$dir/sources.list"
	DT_APTOPTS=(-o "Dir::Etc::SourceList=$dir/sources.list"
		    -o "Dir::Etc::SourceParts=$dir/sources.list.d"
		    -o "Dir::State::Lists=$dir/lists"
		    -o "Dir::Cache=$dir/cache"
		    -o "APT::Sandbox::User=root")
	apt-get "${DT_APTOPTS[@]}" -qq update ||
		dt_die "apt-get update of the private configuration in $dir failed"
}
