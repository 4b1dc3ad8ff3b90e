/** The published manifest carries real versions: pnpm replaced workspace: and catalog: ranges. */
export async function checkPublished(
  registry: string,
  name: string,
  version: string,
  versions: Record<string, string>,
) {
  const response = await fetch(`${registry}${name.replace("/", "%2f")}`);
  if (!response.ok) throw new Error(`GET ${name} from Verdaccio answered ${response.status}`);
  const packument = (await response.json()) as {
    "dist-tags"?: Record<string, string>;
    versions?: Record<string, { dependencies?: Record<string, string> }>;
  };
  if (packument["dist-tags"]?.latest !== version) {
    throw new Error(
      `${name}: dist-tag latest is ${packument["dist-tags"]?.latest}, expected ${version}`,
    );
  }
  const dependencies = packument.versions?.[version]?.dependencies ?? {};
  for (const [dep, range] of Object.entries(dependencies)) {
    if (/^(workspace|catalog):/.test(range))
      throw new Error(`${name}@${version} was published with "${dep}": "${range}"`);
    const sibling = versions[dep];
    if (sibling && range !== `^${sibling}`)
      throw new Error(`${name}@${version} depends on ${dep} "${range}", expected "^${sibling}"`);
  }
}
