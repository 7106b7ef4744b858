{{/*
The chart's name, truncated to the 63 characters of a DNS label.
*/}}
{{- define "kiln.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release's full name: the prefix of every object. The release name alone when it
already contains the chart's name (release "kiln" gives "kiln", not "kiln-kiln").
*/}}
{{- define "kiln.fullname" -}}
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

{{- define "kiln.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object.
*/}}
{{- define "kiln.labels" -}}
helm.sh/chart: {{ include "kiln.chart" . }}
app.kubernetes.io/name: {{ include "kiln.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: kiln
{{- end }}

{{/*
Selector labels of one component. Context: dict "root" $ "component" <name>.
*/}}
{{- define "kiln.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kiln.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
The name of a component's Deployment and Service, which is also its host name inside
the namespace. Context: dict "root" $ "component" <name>.
*/}}
{{- define "kiln.componentFullname" -}}
{{- printf "%s-%s" (include "kiln.fullname" .root) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
A component's image. Context: dict "root" $ "component" <name>.
*/}}
{{- define "kiln.image" -}}
{{- $image := .root.Values.image }}
{{- $tag := default .root.Chart.AppVersion $image.tag }}
{{- if $image.registry }}
{{- printf "%s/%s/%s:%s" (trimSuffix "/" $image.registry) $image.repository .component $tag }}
{{- else }}
{{- printf "%s/%s:%s" $image.repository .component $tag }}
{{- end }}
{{- end }}

{{/*
The Secret that this chart renders (database password, S3 keys, internal secret, admin
token, master key).
*/}}
{{- define "kiln.secretName" -}}
{{- include "kiln.fullname" . }}
{{- end }}

{{- define "kiln.launcherServiceAccountName" -}}
{{- printf "%s-launcher" (include "kiln.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
One component's settings: componentDefaults overlaid with its entry under components.
Context: dict "root" $ "component" <name>. Returns YAML (use with fromYaml).
*/}}
{{- define "kiln.componentValues" -}}
{{- $overrides := index .root.Values.components .component | default dict }}
{{- mergeOverwrite (deepCopy .root.Values.componentDefaults) (deepCopy $overrides) | toYaml }}
{{- end }}

{{/*
A secretKeyRef entry. Context: dict "name" <secret> "key" <key>.
*/}}
{{- define "kiln.secretKeyRef" -}}
valueFrom:
  secretKeyRef:
    name: {{ .name | quote }}
    key: {{ .key | quote }}
{{- end }}

{{/*
Where the administrator's token is: adminToken.existingSecret, or the chart's Secret
(key admin-token). Context: $. Returns a dict with "name" and "key" (use with fromYaml).
*/}}
{{- define "kiln.adminTokenSecret" -}}
{{- if .Values.adminToken.existingSecret }}
{{- dict "name" .Values.adminToken.existingSecret "key" .Values.adminToken.existingSecretKey | toYaml }}
{{- else }}
{{- dict "name" (include "kiln.secretName" .) "key" "admin-token" | toYaml }}
{{- end }}
{{- end }}

{{- define "kiln.adminTokenSecretKeyRef" -}}
{{- include "kiln.secretKeyRef" (include "kiln.adminTokenSecret" . | fromYaml) }}
{{- end }}

{{/*
Where the master key of the stored datastore credentials is: masterKey.existingSecret, or
the chart's Secret (key master-key). Context: $. Returns a dict with "name" and "key" (use
with fromYaml).
*/}}
{{- define "kiln.masterKeySecret" -}}
{{- if .Values.masterKey.existingSecret }}
{{- dict "name" .Values.masterKey.existingSecret "key" .Values.masterKey.existingSecretKey | toYaml }}
{{- else }}
{{- dict "name" (include "kiln.secretName" .) "key" "master-key" | toYaml }}
{{- end }}
{{- end }}

{{- define "kiln.masterKeySecretKeyRef" -}}
{{- include "kiln.secretKeyRef" (include "kiln.masterKeySecret" . | fromYaml) }}
{{- end }}

{{/*
The configuration contract (environment variables, read through Spring's relaxed
binding). Every component: the profile, the internal secret and the base URL of every
service. Every service (not the gateway) also: its port, the database, Kafka and S3.
workspace-service alone also: the administrator's token, which it registers on start, the
master key of the stored datastore credentials, and (when datastores.localRoots is not
empty) the folders that local datastores may point into.
Context: dict "root" $ "component" <name> "values" <component values>.
*/}}
{{- define "kiln.env" -}}
{{- $root := .root }}
{{- $values := $root.Values -}}
- name: SERVER_PORT
  value: "8080"
- name: SPRING_PROFILES_ACTIVE
  value: distributed
- name: KILN_INTERNAL_SECRET
{{- if $values.internalSecret.existingSecret }}
  {{- include "kiln.secretKeyRef" (dict "name" $values.internalSecret.existingSecret "key" $values.internalSecret.existingSecretKey) | nindent 2 }}
{{- else }}
  {{- include "kiln.secretKeyRef" (dict "name" (include "kiln.secretName" $root) "key" "internal-secret") | nindent 2 }}
{{- end }}
{{- range $name := keys $values.components | sortAlpha }}
{{- if ne $name "gateway" }}
- name: KILN_SERVICES_{{ trimSuffix "-service" $name | upper | replace "-" "_" }}
  value: {{ printf "http://%s:8080" (include "kiln.componentFullname" (dict "root" $root "component" $name)) | quote }}
{{- end }}
{{- end }}
{{- if ne .component "gateway" }}
- name: SPRING_DATASOURCE_URL
  value: {{ printf "jdbc:postgresql://%s:%v/%s" $values.postgresql.host $values.postgresql.port $values.postgresql.database | quote }}
- name: SPRING_DATASOURCE_USERNAME
  value: {{ $values.postgresql.username | quote }}
- name: SPRING_DATASOURCE_PASSWORD
{{- if $values.postgresql.existingSecret }}
  {{- include "kiln.secretKeyRef" (dict "name" $values.postgresql.existingSecret "key" $values.postgresql.existingSecretPasswordKey) | nindent 2 }}
{{- else }}
  {{- include "kiln.secretKeyRef" (dict "name" (include "kiln.secretName" $root) "key" "database-password") | nindent 2 }}
{{- end }}
- name: SPRING_KAFKA_BOOTSTRAP_SERVERS
  value: {{ $values.kafka.bootstrapServers | quote }}
- name: KILN_STORAGE_TYPE
  value: s3
- name: KILN_STORAGE_S3_ENDPOINT
  value: {{ $values.s3.endpoint | quote }}
- name: KILN_STORAGE_S3_REGION
  value: {{ $values.s3.region | quote }}
- name: KILN_STORAGE_S3_BUCKET
  value: {{ $values.s3.bucket | quote }}
{{- $s3Secret := default (include "kiln.secretName" $root) $values.s3.existingSecret }}
- name: KILN_STORAGE_S3_ACCESS_KEY
  {{- include "kiln.secretKeyRef" (dict "name" $s3Secret "key" (ternary $values.s3.existingSecretAccessKeyKey "s3-access-key" (not (empty $values.s3.existingSecret)))) | nindent 2 }}
- name: KILN_STORAGE_S3_SECRET_KEY
  {{- include "kiln.secretKeyRef" (dict "name" $s3Secret "key" (ternary $values.s3.existingSecretSecretKeyKey "s3-secret-key" (not (empty $values.s3.existingSecret)))) | nindent 2 }}
{{- end }}
{{- if eq .component "workspace-service" }}
- name: KILN_IDENTITY_ADMIN_TOKEN
  {{- include "kiln.adminTokenSecretKeyRef" $root | nindent 2 }}
- name: KILN_SECRETS_MASTER_KEY
  {{- include "kiln.masterKeySecretKeyRef" $root | nindent 2 }}
{{- with $values.datastores.localRoots }}
- name: KILN_DATASTORES_LOCAL_ROOTS
  value: {{ join "," . | quote }}
{{- end }}
{{- end }}
{{- if eq .component "compute-service" }}
- name: KILN_COMPUTE_DEFAULT_BACKEND
  value: kubernetes
- name: KILN_COMPUTE_KUBERNETES_ENABLED
  value: "true"
- name: KILN_COMPUTE_KUBERNETES_NAMESPACE
  value: {{ $root.Release.Namespace | quote }}
- name: KILN_COMPUTE_API_URL
  value: {{ printf "http://%s:8080" (include "kiln.componentFullname" (dict "root" $root "component" "gateway")) | quote }}
{{- with $values.jobs.registry }}
- name: KILN_COMPUTE_KUBERNETES_REGISTRY
  value: {{ . | quote }}
{{- end }}
{{- end }}
{{- range $name, $value := .values.env }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end }}
