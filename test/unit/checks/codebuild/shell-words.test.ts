import { describe, expect, it } from 'vitest';
import { dockerArguments, dockerBuildArguments, optionValues, simpleCommands } from '../../../../src/domain/checks/codebuild/shell-words.js';

describe('simpleCommands', () => {
  it('given commands joined by newlines, ;, &&, || and |, when split, then each simple command is its own word list', () => {
    // given
    const command = 'docker login -u AWS\ndocker build -t app . && docker push app || exit 1; echo done | tee log';
    // when
    const commands = simpleCommands(command);
    // then
    expect(commands).toEqual([
      ['docker', 'login', '-u', 'AWS'],
      ['docker', 'build', '-t', 'app', '.'],
      ['docker', 'push', 'app'],
      ['exit', '1'],
      ['echo', 'done'],
      ['tee', 'log'],
    ]);
  });

  it('given a line continuation without a space before the next line, when split, then the words stay apart', () => {
    expect(simpleCommands('docker build\\\n-t app .')).toEqual([['docker', 'build', '-t', 'app', '.']]);
  });

  it('given blank parts (a trailing ;, an empty line, runs of spaces), when split, then no empty command or word appears', () => {
    expect(simpleCommands('  docker   push   app ;\n\n  ;')).toEqual([['docker', 'push', 'app']]);
  });

  it('given quoted words and quotes inside a word, when split, then the quotes go and the text stays', () => {
    // given
    const command = `docker buildx build -t "$R":"$V" --build-arg 'NODE=20.1.2' --output="type=docker" .`;
    // when
    const [words] = simpleCommands(command);
    // then
    expect(words).toEqual(['docker', 'buildx', 'build', '-t', '$R:$V', '--build-arg', 'NODE=20.1.2', '--output=type=docker', '.']);
  });
});

describe('dockerArguments and dockerBuildArguments', () => {
  it('given a command that does not run docker, when read, then there are no docker arguments', () => {
    expect(dockerArguments(['make', 'push'])).toBeUndefined();
    expect(dockerBuildArguments(['make', 'build'])).toBeUndefined();
  });

  it('given docker by path, when read, then the words after it are its arguments', () => {
    expect(dockerArguments(['sudo', '/usr/bin/docker', 'push', 'app'])).toEqual(['push', 'app']);
  });

  it('given docker build, docker buildx build and its alias buildx b, when read, then the options and operands after the subcommand remain', () => {
    expect(dockerBuildArguments(['docker', 'build', '-t', 'app', '.'])).toEqual(['-t', 'app', '.']);
    expect(dockerBuildArguments(['docker', 'buildx', 'build', '--load', '.'])).toEqual(['--load', '.']);
    expect(dockerBuildArguments(['docker', 'buildx', 'b', '--load', '.'])).toEqual(['--load', '.']);
  });

  it('given other buildx subcommands, when read, then they are not builds', () => {
    expect(dockerBuildArguments(['docker', 'buildx', 'ls'])).toBeUndefined();
    expect(dockerBuildArguments(['docker', 'buildx', 'create', '--use'])).toBeUndefined();
  });
});

describe('optionValues', () => {
  it('given an option in every spelling, when read, then every value is found in order', () => {
    const args = ['--tag', 'a', '--tag=b', '-t', 'c', '-t=d', '.'];
    expect(optionValues(args, '--tag', '-t')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('given an option last with no value, when read, then it has no value', () => {
    expect(optionValues(['.', '-t'], '--tag', '-t')).toEqual([]);
  });
});
