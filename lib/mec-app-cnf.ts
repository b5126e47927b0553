import { ITerraformDependable, Token } from "./cdk";
import { Construct } from "constructs";
import { readFileSync } from "fs";
import { join } from "path";
import { parse } from "yaml";
import { Release } from "@cdktf/provider-helm/lib/release";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { SecretV1 } from "@cdktf/provider-kubernetes/lib/secret-v1";
import { Password } from "@cdktf/provider-random/lib/password";
import { Uuid } from "@cdktf/provider-random/lib/uuid";
import { AppDescriptor, toAppInstanceRules, validateAppDescriptor } from "./app-descriptor";
import { helmValues, projectChartDir, releaseChart } from "./helm-chart-source";
import { assertDnsLabel, isDnsLabel, InputError } from "./validation";
import { IMecPlatform } from "./mec-platform-cnf";
import { stableOutput } from "./stable-output";
import { UNPUBLISHED_IMAGES, warnOfUnpublishedImage } from "./internal/unpublished-images";

export interface MecAppCnfProps {
  /** The MEP the app instance lives on (a MecPlatformCnf, or the same facts of a MEP installed elsewhere). */
  readonly mep: IMecPlatform;
  /** The app's descriptor (ETSI MEC 010-2 AppD subset): identity, required services, DNS and traffic rules. */
  readonly appDescriptor: AppDescriptor;
  /**
   * Helm release name of the app.
   * @default - the AppD's appName in Kubernetes spelling (lowercase, "-" for other characters)
   */
  readonly releaseName?: string;
  /**
   * Namespace of the app.
   * @default - the release name: one namespace per app, removed with it
   */
  readonly namespace?: string;
  /**
   * Create the namespace (and delete it with the construct). Set false to share an existing namespace.
   * @default true
   */
  readonly createNamespace?: boolean;
  /**
   * Local directory of the app's chart.
   * @default - none; give chartPath, or chartRepository + chartName + chartVersion
   */
  readonly chartPath?: string;
  /**
   * Chart repository of the app's chart (`https://...` or `oci://...`).
   * @default - none
   */
  readonly chartRepository?: string;
  /**
   * Chart name in `chartRepository`.
   * @default - none (required with chartRepository)
   */
  readonly chartName?: string;
  /**
   * Chart version (required with chartRepository).
   * @default - the local chart's own version
   */
  readonly chartVersion?: string;
  /**
   * Helm values of the app's chart. The identity Secret's name is added at `identitySecretValue`.
   * @default - none
   */
  readonly values?: Record<string, unknown>;
  /**
   * Dotted path of the chart value that names the identity Secret (keys appInstanceId, clientSecret, mepUrl).
   * @default "identity.existingSecret" (as charts/mec-app-sample reads it)
   */
  readonly identitySecretValue?: string;
  /**
   * Name of the identity Secret in the app's namespace.
   * @default - `<releaseName>-mec-identity`
   */
  readonly identitySecretName?: string;
  /**
   * Release name of the app instance's registration (the mec-app-instance chart, in the MEP's namespace).
   * @default - `<namespace>-<releaseName>`, or `<releaseName>` when they are equal
   */
  readonly registrationReleaseName?: string;
  /**
   * Image of the registration jobs: any image with curl and a POSIX shell that runs as a non-root user.
   * @default - the chart's default, curlimages/curl
   */
  readonly registrationImageRepository?: string;
  /**
   * Tag of the registration jobs' image.
   * @default - the chart's default
   */
  readonly registrationImageTag?: string;
  /**
   * ConfigMap (in the MEP's namespace, key ca.crt) with the CA of an https MEP.
   * @default - the job image's system CAs (TLS is always verified)
   */
  readonly mepCaConfigMap?: string;
  /**
   * Seconds Helm waits for each release (including the registration job).
   * @default 600
   */
  readonly timeoutSeconds?: number;
}

/**
 * The paper's mec-app-ns: a MEC app as a CNF together with its app instance on the MEP. Creates the instance's
 * identity (random_uuid) and OAuth client secret (random_password), hands them and the MEP URL to the app as a
 * Secret in its namespace, registers the instance with its required services, DNS and traffic rules from the AppD
 * (a release of charts/mec-app-instance, whose hook jobs PUT it after install/upgrade and DELETE it before
 * uninstall), then installs the app's chart. Removing the construct removes all of it, in reverse order.
 */
export class MecAppCnf extends Construct {
  public readonly releaseName: string;
  public readonly namespace: string;
  /** The app instance id (a Terraform reference), which is also the app's OAuth client id. */
  public readonly appInstanceId: string;
  /** The app's OAuth client secret (a Terraform reference; sensitive). */
  public readonly clientSecret: string;
  /** Name of the identity Secret in `namespace`. */
  public readonly identitySecretName: string;
  /** The registration release (mec-app-instance chart, in the MEP's namespace). */
  public readonly registration: Release;
  /** The app's own release. */
  public readonly release: Release;
  /** Values passed to the registration chart, without the Terraform-generated id and secret. */
  public readonly registrationValues: Record<string, unknown>;
  /** Values passed to the app's chart. */
  public readonly appValues: Record<string, unknown>;

  constructor(scope: Construct, id: string, props: MecAppCnfProps) {
    super(scope, id);
    const where = this.node.path;
    validateAppDescriptor(where, props.appDescriptor);
    const appD = props.appDescriptor;
    const mep = props.mep;

    this.releaseName = props.releaseName ?? kubernetesName(appD.appName);
    if (props.releaseName === undefined && !isDnsLabel(this.releaseName, 53)) {
      throw new InputError(where, [
        `appDescriptor.appName "${appD.appName}" gives no usable release name ("${this.releaseName}"); ` +
          `set releaseName (at most 53 lowercase letters, digits and "-")`,
      ]);
    }
    assertDnsLabel(where, "releaseName", this.releaseName, 53);
    this.namespace = props.namespace ?? this.releaseName;
    assertDnsLabel(where, "namespace", this.namespace);
    this.identitySecretName = props.identitySecretName ?? `${this.releaseName}-mec-identity`;
    assertDnsLabel(where, "identitySecretName", this.identitySecretName, 253);
    const registrationReleaseName =
      props.registrationReleaseName ?? (this.namespace === this.releaseName ? this.releaseName : `${this.namespace}-${this.releaseName}`);
    if (!Token.isUnresolved(registrationReleaseName) && !isDnsLabel(registrationReleaseName, 53)) {
      throw new InputError(where, [
        `registrationReleaseName "${registrationReleaseName}" is not a valid Helm release name (at most 53 ` +
          `lowercase letters, digits and "-"); set registrationReleaseName, or use a shorter namespace or releaseName`,
      ]);
    }
    const identityValue = props.identitySecretValue ?? "identity.existingSecret";
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(identityValue)) {
      throw new InputError(where, [`identitySecretValue "${identityValue}" is not a dotted Helm value path (e.g. "identity.existingSecret")`]);
    }
    if (props.mepCaConfigMap !== undefined) assertDnsLabel(where, "mepCaConfigMap", props.mepCaConfigMap, 253);

    const k8s = { provider: mep.cluster.kubernetes };
    const timeout = props.timeoutSeconds ?? 600;

    // The identity of the instance: generated once, stable across plans, destroyed with the construct.
    const instanceId = new Uuid(this, "app-instance-id");
    // Alphanumeric: it travels in HTTP Basic auth and JSON without escaping; 32 chars ≈ 190 bits.
    const secret = new Password(this, "client-secret", { length: 32, special: false });
    this.appInstanceId = instanceId.result;
    this.clientSecret = secret.result;

    const namespaceDeps: ITerraformDependable[] = [];
    if (props.createNamespace ?? true) {
      namespaceDeps.push(
        new NamespaceV1(this, "namespace", {
          ...k8s,
          metadata: { name: this.namespace, labels: { "app.kubernetes.io/part-of": "mecaas", "mecaas.io/mec-app": this.releaseName } },
        }),
      );
    }
    const identity = new SecretV1(this, "identity", {
      ...k8s,
      metadata: {
        name: this.identitySecretName,
        namespace: this.namespace,
        labels: { "app.kubernetes.io/part-of": "mecaas", "mecaas.io/mec-app": this.releaseName },
      },
      // The keys charts/mec-app-sample reads; the instance id is also the app's OAuth client id.
      data: { appInstanceId: instanceId.result, clientSecret: secret.result, mepUrl: mep.mp1Url },
      dependsOn: namespaceDeps,
    });

    const rules = toAppInstanceRules(appD);
    this.registrationValues = {
      mep: {
        url: mep.mp1Url,
        adminSecret: { name: mep.adminSecretName, clientIdKey: "adminClientId", clientSecretKey: "adminClientSecret" },
        ...(props.mepCaConfigMap !== undefined ? { caConfigMap: props.mepCaConfigMap } : {}),
      },
      appInstance: {
        appName: rules.appName,
        appProvider: rules.appProvider,
        appDId: rules.appDId,
        requiredServices: rules.requiredServices,
        appDnsRule: rules.appDnsRule,
        appTrafficRule: rules.appTrafficRule,
      },
      ...(props.registrationImageRepository !== undefined || props.registrationImageTag !== undefined
        ? {
            image: {
              ...(props.registrationImageRepository !== undefined ? { repository: props.registrationImageRepository } : {}),
              ...(props.registrationImageTag !== undefined ? { tag: props.registrationImageTag } : {}),
            },
          }
        : {}),
    };
    this.registration = new Release(this, "registration", {
      provider: mep.cluster.helm,
      name: registrationReleaseName,
      namespace: mep.namespace,
      ...releaseChart(this, "registration-chart", { path: projectChartDir("mec-app-instance") }, where, "registrationChart"),
      values: [helmValues(this.registrationValues)],
      // Known only at apply: typed as strings so Helm never reads a UUID like "1e100000-..." as a number.
      set: [{ name: "appInstance.id", value: instanceId.result, type: "string" }],
      setSensitive: [{ name: "appInstance.clientSecret", value: secret.result, type: "string" }],
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      maxHistory: 10,
      timeout,
      // The registration job calls the MEP: it must be up (and its admin Secret in place) first.
      dependsOn: mep.release ? [mep.release] : [],
    });

    if (getPath(props.values ?? {}, identityValue) !== undefined) {
      throw new InputError(where, [
        `values.${identityValue} is set, but MecAppCnf sets it to its identity Secret ` +
          `("${this.identitySecretName}"); remove it from values (or set identitySecretName)`,
      ]);
    }
    this.appValues = setPath({ ...(props.values ?? {}) }, identityValue, this.identitySecretName);
    const chart = releaseChart(
      this,
      "chart",
      { path: props.chartPath, repository: props.chartRepository, name: props.chartName, version: props.chartVersion },
      where,
      "chart",
    );
    // The project's sample app chart defaults to its own image, which no public registry has.
    if (props.chartPath !== undefined && getPath(props.values ?? {}, "image.repository") === undefined
      && chartImageRepository(props.chartPath) === UNPUBLISHED_IMAGES.sampleApp.repository) {
      warnOfUnpublishedImage(this, "values.image.repository", "sampleApp");
    }
    this.release = new Release(this, "release", {
      provider: mep.cluster.helm,
      name: this.releaseName,
      namespace: this.namespace,
      ...chart,
      values: [helmValues(this.appValues)],
      atomic: true,
      cleanupOnFail: true,
      wait: true,
      maxHistory: 10,
      timeout,
      // The app starts with a working identity: registered on the MEP, and its Secret in place. On destroy the
      // app goes first, then its registration (the pre-delete job removes the instance from the MEP).
      dependsOn: [this.registration, identity],
    });

    stableOutput(this, "app_instance_id", { value: this.appInstanceId, description: `App instance id of ${appD.appName} on the MEP` });
  }
}

/** A Kubernetes/Helm name from an app name: "Video Analytics 2" → "video-analytics-2". */
function kubernetesName(appName: string): string {
  return appName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 53)
    .replace(/-+$/, "");
}

function getPath(values: Record<string, unknown>, path: string): unknown {
  let node: unknown = values;
  for (const k of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node;
}

/** Sets a dotted path in a values object, copying the objects on the way (the caller's values are not mutated). */
function setPath(values: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (rest.length === 0) return { ...values, [head]: value };
  const child = values[head];
  const base = child !== null && typeof child === "object" && !Array.isArray(child) ? (child as Record<string, unknown>) : {};
  return { ...values, [head]: setPath(base, rest.join("."), value) };
}

/** The image repository a local chart's values.yaml names (`image.repository`), if it can be read. */
function chartImageRepository(chartPath: string): unknown {
  try {
    return (parse(readFileSync(join(chartPath, "values.yaml"), "utf8")) as { image?: { repository?: unknown } } | null)?.image?.repository;
  } catch {
    return undefined;
  }
}
