// An Event Grid system topic on the Health Data Services workspace, with its own identity (the
// subscription that uses it is created once that identity holds its storage roles).

@description('Name of the existing Azure Health Data Services workspace.')
param healthWorkspaceName string

@description('Azure region of the system topic (the workspace\'s).')
param location string

resource workspace 'Microsoft.HealthcareApis/workspaces@2024-03-31' existing = {
  name: healthWorkspaceName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: '${healthWorkspaceName}-fhirner-events'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: workspace.id
    topicType: 'Microsoft.HealthcareApis.Workspaces'
  }
}

@description('The system topic identity, which needs queue-sender and blob-contributor roles on the storage account.')
output topicPrincipalId string = topic.identity.principalId

@description('The system topic name.')
output topicName string = topic.name
