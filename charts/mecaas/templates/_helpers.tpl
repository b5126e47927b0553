{{- define "mecaas.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-scoped name; the release name alone when it already contains the chart name. */}}
{{- define "mecaas.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The cluster-wide granting role's name: the release's, in its namespace. */}}
{{- define "mecaas.grantingRole" -}}
{{- printf "%s-%s-granting" .Release.Namespace (include "mecaas.fullname" .) | trunc 253 }}
{{- end }}

{{- define "mecaas.selectorLabels" -}}
app.kubernetes.io/name: {{ include "mecaas.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "mecaas.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "mecaas.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | trunc 63 | quote }}
app.kubernetes.io/component: edge-mano
app.kubernetes.io/part-of: mecaas
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "mecaas.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{- define "mecaas.apiRoot" -}}
{{- if .Values.apiRoot }}
{{- .Values.apiRoot | trimSuffix "/" }}
{{- else }}
{{- printf "http://%s.%s.svc:%d" (include "mecaas.fullname" .) .Release.Namespace (int .Values.service.port) }}
{{- end }}
{{- end }}

{{/* The kubeconfig helm and kubectl use: the API server, as the pod's ServiceAccount (its token re-read as it rotates). */}}
{{- define "mecaas.kubeconfig" -}}
apiVersion: v1
kind: Config
clusters:
  - name: in-cluster
    cluster:
      server: https://kubernetes.default.svc
      certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
users:
  - name: edge-mano
    user:
      tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
contexts:
  - name: in-cluster
    context:
      cluster: in-cluster
      user: edge-mano
      namespace: {{ .Values.apps.namespace }}
current-context: in-cluster
{{- end }}

{{/* Combinations values.schema.json cannot express, refused with the fix in the message. */}}
{{- define "mecaas.validate" -}}
{{- if not .Values.auth.existingSecret }}
{{- fail "auth.existingSecret is required: name the Secret holding adminClientId, adminClientSecret and tokenSigningKey" }}
{{- end }}
{{- if not .Values.mep.url }}
{{- fail "mep.url is required: the MEP's API root as the Edge MANO reaches it, e.g. http://mep.mec-platform.svc:8080" }}
{{- end }}
{{- if not .Values.mep.adminSecret.name }}
{{- fail "mep.adminSecret.name is required: the Secret (this namespace) holding the MEP's admin client" }}
{{- end }}
{{- if eq .Values.apps.namespace .Release.Namespace }}
{{- fail (printf "apps.namespace %q is the release's own namespace: give the apps a namespace of their own (the Edge MANO's rights there would reach its own Secrets)" .Values.apps.namespace) }}
{{- end }}
{{- end }}
